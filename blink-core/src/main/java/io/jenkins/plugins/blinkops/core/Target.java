package io.jenkins.plugins.blinkops.core;

/** The ids a call is about, so that an error can say which one Blink did not know. */
record Target(String workspaceId, String workflowId, String executionId) {
    static final Target NONE = new Target(null, null, null);

    static Target workspace(String workspaceId) {
        return new Target(workspaceId, null, null);
    }

    static Target workflow(String workspaceId, String workflowId) {
        return new Target(workspaceId, workflowId, null);
    }

    static Target execution(String workspaceId, String executionId) {
        return new Target(workspaceId, null, executionId);
    }
}
