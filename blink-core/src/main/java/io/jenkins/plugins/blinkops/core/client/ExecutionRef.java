package io.jenkins.plugins.blinkops.core.client;

import io.jenkins.plugins.blinkops.core.target.InvalidInputException;

/**
 * An execution named by its id, started anywhere (by this plugin, another job, Blink itself): what a
 * step that follows or cancels an execution it did not start needs to find it.
 */
public record ExecutionRef(String workspaceId, String executionId) {

    /**
     * @param workspaceId        blank to use the connection's default workspace
     * @param defaultWorkspaceId the connection's
     * @throws InvalidInputException naming the field that is missing or not an id; nothing has been sent
     */
    public static ExecutionRef of(String workspaceId, String defaultWorkspaceId, String executionId) {
        return new ExecutionRef(
                ExecutionRequest.requireId(workspaceOrDefault(workspaceId, defaultWorkspaceId), "workspaceId"),
                ExecutionRequest.requireId(executionId, "executionId"));
    }

    /** The workspace a step names, or else the connection's default; one of them must be there. */
    static String workspaceOrDefault(String workspaceId, String defaultWorkspaceId) {
        String ws = workspaceId == null || workspaceId.isBlank() ? defaultWorkspaceId : workspaceId;
        if (ws == null || ws.isBlank()) {
            throw new InvalidInputException(
                    "workspaceId", "is empty, and the Blink connection has no default workspace");
        }
        return ws;
    }
}
