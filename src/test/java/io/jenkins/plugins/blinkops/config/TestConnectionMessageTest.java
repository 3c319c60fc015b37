package io.jenkins.plugins.blinkops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.model.ConnectionCheck;
import org.junit.jupiter.api.Test;

/** The words of a successful *Test connection*, picked by the plugin from what the engine found. */
class TestConnectionMessageTest {
    private static final String HOST = "https://app.blinkops.com";

    @Test
    void namesTheHostAndCountsTheWorkspacesTheKeySees() {
        assertThat(TestConnectionMessage.of(new ConnectionCheck(HOST, 3, null, null)))
                .isEqualTo("Connected to https://app.blinkops.com: the API key works and sees 3 workspaces.");
        assertThat(TestConnectionMessage.of(new ConnectionCheck(HOST, 1, null, null)))
                .isEqualTo("Connected to https://app.blinkops.com: the API key works and sees 1 workspace.");
    }

    /** As the README quotes it. */
    @Test
    void namesTheDefaultWorkspace() {
        assertThat(TestConnectionMessage.of(new ConnectionCheck(HOST, 3, "ws-security", "Security")))
                .isEqualTo("Connected to https://app.blinkops.com: the API key works and sees 3 workspaces;"
                        + " workspace 'ws-security' is 'Security'.");
    }

    @Test
    void aWorkspaceWithoutANameIsReachable() {
        assertThat(TestConnectionMessage.of(new ConnectionCheck(HOST, 2, "ws-1", " ")))
                .isEqualTo("Connected to https://app.blinkops.com: the API key works and sees 2 workspaces;"
                        + " workspace 'ws-1' is reachable.");
    }
}
