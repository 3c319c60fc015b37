package io.jenkins.plugins.blinkops.core.target;

/** The ids a call is about, so that an error can say which one Blink did not know. */
public record Target(String workspaceId, String workflowId, String executionId) {
    public static final Target NONE = new Target(null, null, null);

    public static Target workspace(String workspaceId) {
        return new Target(workspaceId, null, null);
    }

    public static Target workflow(String workspaceId, String workflowId) {
        return new Target(workspaceId, workflowId, null);
    }

    public static Target execution(String workspaceId, String executionId) {
        return new Target(workspaceId, null, executionId);
    }
}
