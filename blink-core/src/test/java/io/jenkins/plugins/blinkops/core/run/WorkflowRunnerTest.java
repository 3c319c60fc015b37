package io.jenkins.plugins.blinkops.core.run;

import static io.jenkins.plugins.blinkops.core.Fixtures.KEY;
import static io.jenkins.plugins.blinkops.core.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkflowRunnerTest {
    private FakeBlinkServer server;
    private BlinkClient client;
    private final Fixtures.CapturedLog log = new Fixtures.CapturedLog();
    private final ExecutionRequest request = ExecutionRequest.builder("ws-1", "wf-1")
            .inputs(Map.of("target", "prod"))
            .build();

    @BeforeEach
    void start() {
        server = FakeBlinkServer.start();
        server.workspace("ws-1", "Ops");
        client = Fixtures.client(server);
    }

    @AfterEach
    void stop() {
        assertThat(log.text()).doesNotContain(KEY);
        server.close();
    }

    private ExecutionOutcome run(RunOptions options) throws Exception {
        return new WorkflowRunner(client, options, log.log).run(request);
    }

    @Test
    void followsARunToItsEndAndReportsIt() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(300)).outputs("{\"ticket\":\"SEC-1\"}");

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.state().name()).isEqualTo("Completed");
        assertThat(outcome.outputs().values().get("ticket").getAsString()).isEqualTo("SEC-1");
        assertThat(outcome.executionId()).isEqualTo(server.executions().get(0).id());
        assertThat(outcome.link()).isEqualTo(server.url() + "/workspace/ws-1/workflow/wf-1/edit");
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
        assertThat(server.count(Route.GET_EXECUTION)).isBetween(2, 10);
        assertThat(log.text())
                .contains("[Blink] Starting workflow wf-1 in workspace ws-1 on " + server.url())
                .contains("Started execution " + outcome.executionId())
                .contains("State: Running")
                .contains("ended Completed")
                .contains("\"ticket\": \"SEC-1\"")
                .contains("Workflow: " + outcome.link());
    }

    @Test
    void aFailedRunCarriesBlinksError() throws Exception {
        server.workflow("ws-1", "wf-1").endsWith("Failed").error("step 2: host unreachable", "E_HOST");

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.verdict(FailureHandling.UNSTABLE)).isEqualTo(BuildVerdict.UNSTABLE);
        assertThat(outcome.errorMessage()).isEqualTo("step 2: host unreachable");
        assertThat(log.text()).contains("ended Failed").contains("step 2: host unreachable");
    }

    @Test
    void aFailedRunNamesTheStepThatFailed() throws Exception {
        server.workflow("ws-1", "wf-1")
                .endsWith("Failed")
                .failsAtStep("isolate-host")
                .error("EDR refused", "E1");

        // with progress on, the step lines name it (HumanInTheLoopTest)
        run(options(WaitMode.FOLLOW).withProgress(false));

        assertThat(server.count(Route.GET_STEPS)).isEqualTo(1);
        assertThat(log.text())
                .contains("Step isolate-host ended Failed: EDR refused")
                .doesNotContain("Step step-1");
    }

    @Test
    void aCompletedRunReadsItsStepsOnceForItsOutputs() throws Exception {
        server.workflow("ws-1", "wf-1");
        run(options(WaitMode.FOLLOW));
        assertThat(server.count(Route.GET_STEPS)).isEqualTo(1);
    }

    @Test
    void stepsThatCannotBeReadDoNotChangeTheOutcome() throws Exception {
        server.workflow("ws-1", "wf-1").endsWith("Failed").error("boom", "E1");
        server.fault(Route.GET_STEPS, Fault.status(404));

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));

        assertThat(outcome.state().name()).isEqualTo("Failed");
        assertThat(outcome.errorMessage()).isEqualTo("boom");
        assertThat(log.text()).contains("could not be read").doesNotContain("WARNING");
    }

    @Test
    void blinksOwnTimeoutIsAnUnsuccessfulEnd() throws Exception {
        server.workflow("ws-1", "wf-1").endsWith("Timeout");
        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));
        assertThat(outcome.state().name()).isEqualTo("Timeout");
        assertThat(outcome.timedOut()).as("the build's wait did not time out").isFalse();
        assertThat(outcome.success()).isFalse();
    }

    @Test
    void aPausedRunSaysItWaitsForAPerson() throws Exception {
        server.workflow("ws-1", "wf-1").endsWith("Paused");
        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));
        assertThat(outcome.success()).isFalse();
        assertThat(log.text()).contains("waits for a person");
    }

    @Test
    void theWaitGivesUpAtItsTimeoutAndLeavesTheRunAlone() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(10));
        long start = System.nanoTime();

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW).withTimeout(Duration.ofMillis(600)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.state().name()).isEqualTo("Running");
        assertThat(outcome.verdict(FailureHandling.FAILURE)).isEqualTo(BuildVerdict.FAILURE);
        assertThat(server.count(Route.CANCEL)).isZero();
        assertThat(log.text()).contains("had not finished");
    }

    @Test
    void notWaitingReturnsTheIdAtOnce() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(10));
        ExecutionOutcome outcome = run(options(WaitMode.NONE));
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.environment()).containsKey("BLINK_EXECUTION_ID");
        assertThat(outcome.executionId()).isEqualTo(server.executions().get(0).id());
        assertThat(server.count(Route.GET_EXECUTION)).isZero();
    }

    @Test
    void syncModeReturnsTheOutputs() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(200)).outputs("{\"n\":5}");
        ExecutionOutcome outcome = run(options(WaitMode.SYNC));
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.executionId()).isNull();
        assertThat(outcome.outputs().values().get("n").getAsInt()).isEqualTo(5);
        assertThat(server.requests(Route.EXECUTE).get(0).query()).containsEntry("run_sync", "true");
    }

    @Test
    void syncModeReportsAFailedWorkflowAsAnOutcome() throws Exception {
        server.workflow("ws-1", "wf-1").endsWith("Failed").error("bad input", "E1");
        ExecutionOutcome outcome = run(options(WaitMode.SYNC));
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.state().name()).isEqualTo("Failed");
        assertThat(outcome.errorMessage()).contains("bad input");
    }

    @Test
    void aFailedSynchronousRunKeepsBlinksReasonWhichStepAndWhy() throws Exception {
        server.workflow("ws-1", "wf-1")
                .endsWith("Failed")
                .failsAtStep("isolate")
                .error("EDR refused", "E1");
        ExecutionOutcome outcome = run(options(WaitMode.SYNC));
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.errorMessage()).contains("isolate", "EDR refused");
        assertThat(log.text()).contains("isolate", "EDR refused");
    }

    @Test
    void syncModeReportsBlinksTimeout() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(5));
        ExecutionOutcome outcome = run(options(WaitMode.SYNC).withTimeout(Duration.ofSeconds(1)));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.success()).isFalse();
        assertThat(server.requests(Route.EXECUTE).get(0).query()).containsEntry("timeout", "1");
    }

    @Test
    void syncModeStillFailsOnAWrongWorkflow() {
        assertThatThrownBy(() -> new WorkflowRunner(client, options(WaitMode.SYNC), log.log)
                        .run(ExecutionRequest.builder("ws-1", "missing").build()))
                .isInstanceOf(BlinkApiException.class)
                .hasMessageContaining("no workflow 'missing'");
    }

    @Test
    void cancellingTheWaitCancelsTheRunInBlink() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(10));
        cancelAfter(300, client.cancellation()::cancel);

        assertThatThrownBy(() -> run(options(WaitMode.FOLLOW))).isInstanceOf(InterruptedException.class);

        assertThat(server.count(Route.CANCEL)).isEqualTo(1);
        assertThat(server.executions().get(0).cancelled()).isTrue();
        assertThat(log.text()).contains("asked Blink to cancel execution");
    }

    @Test
    void interruptingTheThreadCancelsTheRunInBlink() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(10));
        Thread waiter = Thread.currentThread();
        cancelAfter(300, waiter::interrupt);

        assertThatThrownBy(() -> run(options(WaitMode.FOLLOW))).isInstanceOf(InterruptedException.class);

        assertThat(server.executions().get(0).cancelled()).isTrue();
    }

    @Test
    void cancelOnAbortCanBeTurnedOff() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(10));
        cancelAfter(200, client.cancellation()::cancel);

        assertThatThrownBy(() -> run(options(WaitMode.FOLLOW).withCancelOnAbort(false)))
                .isInstanceOf(InterruptedException.class);

        assertThat(server.count(Route.CANCEL)).isZero();
        assertThat(log.text()).contains("goes on in Blink");
    }

    @Test
    void abortingAnEndedRunSaysItIsNoLongerRunning() throws Exception {
        server.workflow("ws-1", "wf-1");
        WorkflowRunner runner = new WorkflowRunner(client, options(WaitMode.FOLLOW), log.log);
        FollowState started = runner.start(request);
        runner.poll(started);

        runner.abort(started);

        assertThat(server.count(Route.CANCEL)).isEqualTo(1);
        assertThat(log.text()).contains("is no longer running in Blink");
    }

    @Test
    void aFailingCancelIsAWarningNotASecondError() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(10));
        server.fault(Route.CANCEL, Fault.status(500), 10);
        cancelAfter(200, client.cancellation()::cancel);

        assertThatThrownBy(() -> run(options(WaitMode.FOLLOW))).isInstanceOf(InterruptedException.class);

        assertThat(log.text())
                .contains("WARNING: Build aborted, but cancelling execution")
                .contains("HTTP 500");
    }

    @Test
    void anUnknownStateIsLoggedOnceAndWaitedThrough() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(500)).runningState("Warming up");
        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));
        assertThat(outcome.success()).isTrue();
        assertThat(log.text().lines().filter(l -> l.contains("State: Warming up")))
                .hasSize(1);
        assertThat(log.text()).contains("not a state this plugin knows");
    }

    @Test
    void pendingThenRunningAreEachLogged() throws Exception {
        server.workflow("ws-1", "wf-1").pendingFor(Duration.ofMillis(200)).takes(Duration.ofMillis(500));
        run(options(WaitMode.FOLLOW));
        assertThat(log.text()).containsSubsequence("State: Pending", "State: Running", "ended Completed");
    }

    @Test
    void worksWhenBlinkSendsOnlyState() throws Exception {
        server.omitStateUi(true);
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(100));
        assertThat(run(options(WaitMode.FOLLOW)).success()).isTrue();
    }

    @Test
    void pollsThatFailForAWhileAreWaitedThrough() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(300));
        server.fault(Route.GET_EXECUTION, Fault.status(502), Fixtures.QUICK_RETRIES.maxAttempts() + 1);
        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));
        assertThat(outcome.success()).isTrue();
        assertThat(log.text()).contains("WARNING: Could not read execution").contains("Still waiting");
    }

    @Test
    void aPollThatCanNeverWorkEndsTheWait() {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(1));
        server.fault(Route.GET_EXECUTION, Fault.status(403));
        assertThatThrownBy(() -> run(options(WaitMode.FOLLOW)))
                .isInstanceOf(BlinkApiException.class)
                .hasMessageContaining("Contributor or Owner");
    }

    @Test
    void largeOutputsAreCutToTheLimitAndSaidSo() throws Exception {
        server.workflow("ws-1", "wf-1").hugeOutputs(2_000_000);
        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW).withMaxOutputBytes(10_000));
        assertThat(outcome.outputs().truncated()).isTrue();
        assertThat(outcome.outputs().values().toString().length()).isLessThan(12_000);
        assertThat(log.text()).contains("cut to 10000 characters");
        assertThat(log.text().length()).isLessThan(30_000);
    }

    @Test
    void outputsAreNotPrintedWhenTurnedOff() throws Exception {
        server.workflow("ws-1", "wf-1").outputs("{\"secretish\":\"x\"}");
        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW).withPrintOutputs(false));
        assertThat(outcome.outputs().values().has("secretish")).isTrue();
        assertThat(log.text()).doesNotContain("secretish");
    }

    /** What a Pipeline step does: start, save the state, "restart", go on polling from the saved state. */
    @Test
    void aSavedWaitResumesWithNewObjectsAndFinishes() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(400));
        RunOptions options = options(WaitMode.FOLLOW);
        FollowState saved = new WorkflowRunner(client, options, log.log).start(request);

        FollowState restored = Waits.roundTrip(saved);
        WorkflowRunner afterRestart = new WorkflowRunner(Fixtures.client(server), options, log.log);
        WorkflowRunner.PollResult result = afterRestart.poll(restored);
        while (result instanceof WorkflowRunner.PollResult.Waiting waiting) {
            Thread.sleep(waiting.delay().toMillis());
            result = afterRestart.poll(Waits.roundTrip(waiting.next()));
        }
        ExecutionOutcome outcome = ((WorkflowRunner.PollResult.Done) result).outcome();
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.executionId()).isEqualTo(saved.executionId());
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void aStartWhoseAnswerWasLostIsAdoptedNeverSentAgain() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(100));
        server.fault(Route.EXECUTE, Fault.status(502));
        assertThat(run(options(WaitMode.FOLLOW)).success()).isTrue();
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
        assertThat(server.executions()).hasSize(1);
    }

    private static void cancelAfter(long millis, Runnable action) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                action.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
