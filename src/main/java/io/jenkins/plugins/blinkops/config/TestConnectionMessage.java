package io.jenkins.plugins.blinkops.config;

import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.core.model.ConnectionCheck;

/**
 * What *Test connection* says when Blink accepted the key. The engine reports what it found; the
 * words are the plugin's, in {@code Messages.properties}, so that they can be translated.
 */
final class TestConnectionMessage {
    private TestConnectionMessage() {}

    static String of(ConnectionCheck check) {
        if (check.workspaceId() == null) {
            return Messages.BlinkConnection_Connected(check.host(), check.workspaceCount());
        }
        String name = check.workspaceName();
        return name == null || name.isBlank()
                ? Messages.BlinkConnection_ConnectedWorkspaceReachable(
                        check.host(), check.workspaceCount(), check.workspaceId())
                : Messages.BlinkConnection_ConnectedWorkspaceNamed(
                        check.host(), check.workspaceCount(), check.workspaceId(), name);
    }
}
