package io.jenkins.plugins.blinkops.core.run;

import static io.jenkins.plugins.blinkops.core.Fixtures.KEY;
import static io.jenkins.plugins.blinkops.core.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRef;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Following and cancelling an execution that was started elsewhere, known only by its id. */
class FollowByIdTest {
    private FakeBlinkServer server;
    private BlinkClient client;
    private final Fixtures.CapturedLog log = new Fixtures.CapturedLog();

    @BeforeEach
    void start() {
        server = Fixtures.serverWithWorkflow("{\"ticket\": \"SEC-9\"}");
        client = Fixtures.client(server);
    }

    @AfterEach
    void stop() {
        assertThat(log.text()).doesNotContain(KEY);
        server.close();
    }

    /** Started by someone else: here, a run that nobody waited for. */
    private String startedElsewhere() throws Exception {
        return client.startExecution(ExecutionRequest.builder("ws-1", "wf-1").build());
    }

    private ExecutionOutcome followToTheEnd(RunOptions options, ExecutionRef execution) throws Exception {
        WorkflowRunner runner = new WorkflowRunner(client, options, log.log);
        return Waits.pollToTheEnd(runner, runner.follow(execution));
    }

    @Test
    void anExecutionFollowedByIdEndsWithItsOutputsAndLearnsItsWorkflow() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(400));
        String id = startedElsewhere();

        ExecutionOutcome outcome = followToTheEnd(options(WaitMode.FOLLOW), ExecutionRef.of(null, "ws-1", id));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.executionId()).isEqualTo(id);
        assertThat(outcome.state().name()).isEqualTo("Completed");
        assertThat(outcome.outputs().values().get("ticket").getAsString()).isEqualTo("SEC-9");
        assertThat(outcome.workflowId()).isEqualTo("wf-1");
        assertThat(outcome.link()).isEqualTo(server.url() + "/workspace/ws-1/workflow/wf-1/edit");
        assertThat(outcome.environment()).containsEntry(ExecutionOutcome.ENV_EXECUTION_STATE, "Completed");
        assertThat(server.count(Route.EXECUTE))
                .as("only the start made elsewhere")
                .isEqualTo(1);
        assertThat(log.text())
                .contains("Following execution " + id + " in workspace ws-1")
                .contains("State: Running")
                .contains("\"ticket\": \"SEC-9\"");
    }

    @Test
    void anUnknownExecutionEndsTheWaitNamingIt() {
        WorkflowRunner runner = new WorkflowRunner(client, options(WaitMode.FOLLOW), log.log);
        FollowState follow = runner.follow(ExecutionRef.of("ws-1", null, "no-such-run"));

        assertThatThrownBy(() -> runner.poll(follow))
                .isInstanceOf(BlinkApiException.class)
                .hasMessageContaining("no execution 'no-such-run'");
    }

    /** Never read, so its workflow is unknown: the outcome has no link rather than a wrong one. */
    @Test
    void aWaitThatTimesOutBeforeAnyReadHasNoLink() throws Exception {
        String id = startedElsewhere();
        server.fault(Route.GET_EXECUTION, Fault.status(503), 1000);

        ExecutionOutcome outcome = followToTheEnd(
                options(WaitMode.FOLLOW).withTimeout(Duration.ofMillis(300)), ExecutionRef.of("ws-1", null, id));

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.workflowId()).isNull();
        assertThat(outcome.link()).isNull();
        assertThat(outcome.environment()).doesNotContainKey(ExecutionOutcome.ENV_WORKFLOW_URL);
        assertThat(log.text()).doesNotContain("Workflow: null");
    }

    @Test
    void cancellingARunningExecutionByIdSaysBlinkCancelledIt() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(10));
        String id = startedElsewhere();

        boolean cancelled =
                new WorkflowRunner(client, RunOptions.DEFAULT, log.log).cancel(ExecutionRef.of("ws-1", null, id));

        assertThat(cancelled).isTrue();
        assertThat(server.execution(id).cancelled()).isTrue();
        assertThat(log.text()).contains("Asked Blink to cancel execution " + id + ".");
    }

    @Test
    void cancellingAnEndedExecutionIsNoError() throws Exception {
        String id = startedElsewhere();
        followToTheEnd(options(WaitMode.FOLLOW), ExecutionRef.of("ws-1", null, id));

        boolean cancelled =
                new WorkflowRunner(client, RunOptions.DEFAULT, log.log).cancel(ExecutionRef.of("ws-1", null, id));

        assertThat(cancelled).isFalse();
        assertThat(server.count(Route.CANCEL)).isEqualTo(1);
        assertThat(server.execution(id).cancelled()).isFalse();
        assertThat(log.text())
                .contains("Execution " + id + " is no longer running in Blink; there was nothing to cancel.");
    }

    @Test
    void cancellingAnUnknownExecutionFailsNamingIt() {
        WorkflowRunner runner = new WorkflowRunner(client, RunOptions.DEFAULT, log.log);

        assertThatThrownBy(() -> runner.cancel(ExecutionRef.of("ws-1", null, "no-such-run")))
                .isInstanceOf(BlinkApiException.class)
                .hasMessageContaining("no execution 'no-such-run'");
    }

    @Test
    void aMissingIdOrWorkspaceIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ExecutionRef.of("ws-1", null, " "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("executionId"));
        assertThatThrownBy(() -> ExecutionRef.of("ws-1", null, "a/b"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("executionId"));
        assertThatThrownBy(() -> ExecutionRef.of(null, null, "run-1"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("workspaceId"));
        assertThat(ExecutionRef.of(" ", "ws-default", "run-1")).isEqualTo(new ExecutionRef("ws-default", "run-1"));
        assertThat(server.requests()).isEmpty();
    }
}
