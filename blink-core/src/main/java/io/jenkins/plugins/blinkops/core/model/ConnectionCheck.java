package io.jenkins.plugins.blinkops.core.model;

/**
 * What a connection test found: the key works and sees {@code workspaceCount} workspaces, and the
 * workspace asked about (if any) is reachable under {@code workspaceName}.
 */
public record ConnectionCheck(String host, int workspaceCount, String workspaceId, String workspaceName) {

    /** One sentence for the "Test connection" button. */
    public String describe() {
        String sees = "Connected to " + host + ": the API key works and sees " + workspaceCount
                + (workspaceCount == 1 ? " workspace" : " workspaces");
        if (workspaceId == null) {
            return sees + ".";
        }
        return sees + "; workspace '" + workspaceId + "' is "
                + (workspaceName == null || workspaceName.isBlank() ? "reachable" : "'" + workspaceName + "'") + ".";
    }
}
