package io.jenkins.plugins.blinkops.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids that would break out of a URL path, a link or an environment variable never get that far. */
class UntrustedIdsTest {
    private FakeBlinkServer server;
    private BlinkClient client;

    @BeforeEach
    void start() {
        server = Fixtures.serverWithWorkflow("{}");
        client = Fixtures.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "a/b", "a\\b", "a b", "a\tb", "a\u0000b", "a\nb", "%2e%2e", "a?b", "a#b"})
    void anUnsafeIdFromTheUserIsRefusedNamingTheFieldAndNothingIsSent(String id) {
        assertThatThrownBy(() -> ExecutionRequest.builder("ws-1", id))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("workflowId:");
        assertThatThrownBy(() -> ExecutionRequest.builder(id, "wf-1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("workspaceId:");
        assertThatThrownBy(() -> client.getExecution("ws-1", id, 100))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("executionId:");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anIdLongerThan128CharactersIsRefused() {
        assertThat(ExecutionRequest.builder("w".repeat(128), "wf").build().workspaceId())
                .hasSize(128);
        assertThatThrownBy(() -> ExecutionRequest.builder("w".repeat(129), "wf"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 128");
    }

    @Test
    void anUnsafeExecutionIdFromBlinkIsNeverUsedAndOnlyItsHeadQuoted() {
        String evil = "../../../admin" + "x".repeat(5000);
        server.fault(Route.EXECUTE, Fault.status(200, "{\"execution_id\":\"" + evil + "\"}", "application/json"));

        assertThatThrownBy(() -> client.startExecution(
                        ExecutionRequest.builder("ws-1", "wf-1").build()))
                .isInstanceOfSatisfying(
                        BlinkApiException.class,
                        e -> assertThat(e.getMessage())
                                .contains("Blink answered an execution id that is not safe")
                                .contains("../../../admin")
                                .hasSizeLessThan(300));
    }
}
