package io.jenkins.plugins.blinkops.core.run;

import static io.jenkins.plugins.blinkops.core.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.CancelAnswers;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.OutputsLocation;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.fake.SyncTimeoutAnswer;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where Blink's reference is silent (where a followed run's outputs are, what a synchronous run
 * that outlives its timeout answers, what cancel answers), the engine against every variant the
 * fake offers.
 */
class UnspecifiedAnswersTest {
    private FakeBlinkServer server;
    private BlinkClient client;
    private final Fixtures.CapturedLog log = new Fixtures.CapturedLog();
    private final ExecutionRequest request =
            ExecutionRequest.builder("ws-1", "wf-1").build();

    @BeforeEach
    void start() {
        server = Fixtures.serverWithWorkflow("{\"verdict\":\"contained\",\"hosts\":2}");
        client = Fixtures.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ExecutionOutcome follow() throws Exception {
        return new WorkflowRunner(client, options(WaitMode.FOLLOW), log.log).run(request);
    }

    @ParameterizedTest
    @EnumSource(
            value = OutputsLocation.class,
            names = {"STEPS", "STEP_RESULTS", "STEP_RESULTS_AS_EXPRESSIONS"})
    void aFollowedRunFindsItsOutputsWhereverBlinkKeepsThem(OutputsLocation location) throws Exception {
        server.outputsIn(location);

        ExecutionOutcome outcome = follow();

        assertThat(outcome.outputs().values().get("verdict").getAsString()).isEqualTo("contained");
        assertThat(outcome.outputs().values().get("hosts").getAsInt()).isEqualTo(2);
        // outputs in the record need no second call
        assertThat(server.count(Route.GET_STEPS)).isEqualTo(location == OutputsLocation.STEPS ? 1 : 0);
        assertThat(log.text()).contains("those of step step-1");
    }

    @Test
    void aRunWithoutOutputsEndsWithNoneAndNoWarning() throws Exception {
        server.outputsIn(OutputsLocation.NOWHERE);

        ExecutionOutcome outcome = follow();

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.outputs()).isEqualTo(Outputs.NONE);
        assertThat(log.text())
                .doesNotContain("WARNING")
                .doesNotContain("could not")
                .doesNotContain("Outputs");
    }

    /**
     * Steps that cannot be read leave a completed run without outputs: a warning when Blink refused
     * or failed, a plain line when it has no steps at all (a server that implements the reference
     * alone has no {@code /steps}).
     */
    @ParameterizedTest
    @CsvSource({
        "403, WARNING: The steps of execution, its outputs are unknown",
        "404, Blink has no steps, has no outputs"
    })
    void aCompletedRunWhoseStepsCannotBeReadHasNoOutputs(int status, String says, String why) throws Exception {
        server.fault(Route.GET_STEPS, Fault.status(status), 1);

        ExecutionOutcome outcome = follow();

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.outputs()).isEqualTo(Outputs.NONE);
        assertThat(log.text()).contains(says).contains(why);
        if (status == 404) {
            assertThat(log.text()).doesNotContain("WARNING");
        }
    }

    @Test
    void aSynchronousRunThatBlinkGaveUpOnIsATimedOutOutcome() throws Exception {
        server.syncTimeoutAnswer(SyncTimeoutAnswer.STATUS_408);
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(5));

        ExecutionOutcome outcome = new WorkflowRunner(
                        client, options(WaitMode.SYNC).withTimeout(Duration.ofSeconds(1)), log.log)
                .run(request);

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.state().name()).isEqualTo("Timeout");
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void aSynchronousRunAGatewayGaveUpOnIsAdoptedAndTimesOutWithoutStartingTwice() throws Exception {
        server.syncTimeoutAnswer(SyncTimeoutAnswer.GATEWAY_504);
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(5));
        WorkflowRunner runner =
                new WorkflowRunner(client, options(WaitMode.SYNC).withTimeout(Duration.ofSeconds(1)), log.log);

        ExecutionOutcome outcome = runner.run(request);

        // the 504 may come after Blink started the run, so the run is looked for, found and adopted;
        // the wait's time was spent already, so it ends timed out, the run still going in Blink
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.executionId()).isEqualTo(server.executions().get(0).id());
        assertThat(log.text()).contains("Adopted execution");
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(CancelAnswers.class)
    void cancelUnderstandsEitherPairOfAnswers(CancelAnswers answers) throws Exception {
        server.cancelAnswers(answers);
        server.workflow("ws-1", "long").takes(Duration.ofMinutes(5));
        String running =
                client.startExecution(ExecutionRequest.builder("ws-1", "long").build());
        String ended = client.startExecution(request);

        assertThat(client.cancelExecution("ws-1", running)).isTrue();
        assertThat(client.cancelExecution("ws-1", ended)).isFalse();
        assertThat(server.execution(running).cancelled()).isTrue();
        // each answered at once: not retried
        assertThat(server.count(Route.CANCEL)).isEqualTo(2);
    }
}
