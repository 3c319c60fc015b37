package io.jenkins.plugins.blinkops.core.run;

import static io.jenkins.plugins.blinkops.core.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 15: a run that waits for a person, the steps of a run as it goes, and the link to the run. */
/**
 * The runs here last a second or more, though the polls are quick: a run must still be going when
 * the first poll comes, on a machine busy with other builds too.
 */
class HumanInTheLoopTest {
    private FakeBlinkServer server;
    private BlinkClient client;
    private final Fixtures.CapturedLog log = new Fixtures.CapturedLog();
    private final ExecutionRequest request =
            ExecutionRequest.builder("ws-1", "wf-1").build();

    @BeforeEach
    void start() {
        server = FakeBlinkServer.start();
        server.workspace("ws-1", "Ops");
        client = Fixtures.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ExecutionOutcome run(RunOptions options) throws Exception {
        return new WorkflowRunner(client, options, log.log).run(request);
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aRunThatPausesAndGoesOnEndsInSuccessAndSaysSoOnceEach() throws Exception {
        server.workflow("ws-1", "wf-1")
                .takes(Duration.ofMillis(1500))
                .pausesAfterReads(2)
                .resumesAfterReads(3);

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.kind()).isEqualTo(ExecutionOutcome.Kind.SUCCEEDED);
        String text = log.text();
        assertThat(occurrences(text, "is paused in Blink: a step waits for a person"))
                .isEqualTo(1);
        assertThat(occurrences(text, "goes on in Blink")).isEqualTo(1);
        assertThat(text).contains("who must act in Blink: " + outcome.runLink());
        assertThat(text.indexOf("is paused in Blink")).isLessThan(text.indexOf("goes on in Blink"));
    }

    @Test
    void aWatcherSeesTheRunStartRunPauseAndGoOnOnceEachWithTheRunLink() throws Exception {
        server.workflow("ws-1", "wf-1")
                .takes(Duration.ofMillis(1500))
                .pausesAfterReads(2)
                .resumesAfterReads(3);
        List<RunWatcher.Snapshot> seen = new ArrayList<>();

        ExecutionOutcome outcome = new WorkflowRunner(client, options(WaitMode.FOLLOW), log.log)
                .watchedBy(seen::add)
                .run(request);

        assertThat(outcome.success()).isTrue();
        // started (no state read yet), running, paused, going on: the end itself is the outcome's
        assertThat(seen)
                .extracting(s -> s.state() == null ? null : s.state().name())
                .containsExactly(null, "Running", "Paused", "Running");
        assertThat(seen).extracting(RunWatcher.Snapshot::paused).containsExactly(false, false, true, false);
        assertThat(seen).allSatisfy(s -> {
            assertThat(s.executionId()).isEqualTo(outcome.executionId());
            assertThat(s.runLink()).isEqualTo(outcome.runLink()).isNotNull();
            assertThat(s.link()).isEqualTo(outcome.link());
        });
    }

    @Test
    void failOnPauseEndsTheWaitAsAFailureThatSaysWhoMustAct() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(5)).pausesAfterReads(1);

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW).withOnPaused(PausedHandling.FAIL));

        assertThat(outcome.state().name()).isEqualTo("Paused");
        assertThat(outcome.kind()).isEqualTo(ExecutionOutcome.Kind.FAILED);
        assertThat(outcome.verdict(FailureHandling.FAILURE)).isEqualTo(BuildVerdict.FAILURE);
        assertThat(outcome.summary()).contains("a person", "must act there", outcome.runLink());
        assertThat(outcome.timedOut()).isFalse();
    }

    @Test
    void continueOnPauseReturnsAtOnceNeitherSucceededNorFailed() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(5)).pausesAfterReads(1);

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW).withOnPaused(PausedHandling.CONTINUE));

        assertThat(outcome.kind()).isEqualTo(ExecutionOutcome.Kind.PAUSED);
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.verdict(FailureHandling.FAILURE)).isEqualTo(BuildVerdict.SUCCESS);
        assertThat(outcome.toMap()).containsEntry("paused", true).containsEntry("success", false);
        assertThat(outcome.environment()).containsEntry(ExecutionOutcome.ENV_EXECUTION_STATE, "Paused");
        assertThat(outcome.summary()).contains("the build goes on without waiting for it");
        assertThat(server.executions().get(0).paused())
                .as("left paused in Blink")
                .isTrue();
        assertThat(server.count(Route.CANCEL)).isZero();
    }

    @Test
    void aTimeoutWhilePausedIsATimeoutThatSaysTheRunWasPaused() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(5)).pausesAfterReads(1);

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW).withTimeout(Duration.ofMillis(500)));

        assertThat(outcome.kind()).isEqualTo(ExecutionOutcome.Kind.TIMED_OUT);
        assertThat(outcome.verdict(FailureHandling.FAILURE)).isEqualTo(BuildVerdict.FAILURE);
        assertThat(outcome.errorMessage()).contains("timed out").contains("paused in Blink");
        assertThat(outcome.summary()).contains("had not finished").contains("paused, waiting for a person");
        assertThat(occurrences(log.text(), "is paused in Blink: a step waits")).isEqualTo(1);
    }

    @Test
    void aPausedRunResumedByAPersonIsSeenToGoOn() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(1500)).pausesAfterReads(1);
        WorkflowRunner runner = new WorkflowRunner(client, options(WaitMode.FOLLOW), log.log);
        FollowState follow = runner.start(request);
        WorkflowRunner.PollResult result = runner.poll(follow);
        follow = ((WorkflowRunner.PollResult.Waiting) result).next();
        result = runner.poll(follow);
        follow = ((WorkflowRunner.PollResult.Waiting) result).next();
        assertThat(follow.paused()).isTrue();

        server.executions().get(0).resume();
        ExecutionOutcome outcome = Waits.pollToTheEnd(runner, follow);

        assertThat(outcome.success()).isTrue();
        assertThat(occurrences(log.text(), "goes on in Blink")).isEqualTo(1);
    }

    @Test
    void eachStepIsPrintedOnceAsItStartsAndEndsWithAtMostOneMoreCallPerPoll() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(1000)).steps(5);

        run(options(WaitMode.FOLLOW));

        String text = log.text();
        for (int i = 1; i <= 5; i++) {
            assertThat(occurrences(text, "Step Step " + i + " ended Completed"))
                    .as("step %d", i)
                    .isEqualTo(1);
            assertThat(occurrences(text, "Step Step " + i + " started")).isLessThanOrEqualTo(1);
        }
        assertThat(text).contains("Step Step 1 started (Running)");
        // one listing per poll at most: the polls that waited, and the one that found the end
        assertThat(server.count(Route.GET_STEPS)).isLessThanOrEqualTo(server.count(Route.GET_EXECUTION));
        assertThat(server.count(Route.GET_STEPS)).isGreaterThan(1);
    }

    @Test
    void withProgressOffNoStepIsListedWhileTheRunGoesOn() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(800)).steps(5);

        run(options(WaitMode.FOLLOW).withProgress(false));

        assertThat(server.count(Route.GET_EXECUTION)).isGreaterThan(2);
        assertThat(server.count(Route.GET_STEPS))
                .as("only the end's, for the outputs")
                .isEqualTo(1);
        assertThat(log.text()).doesNotContain("Step Step");
    }

    @Test
    void aRunOfThousandsOfStepsPrintsTheLimitAndOneSummaryLine() throws Exception {
        server.workflow("ws-1", "wf-1").steps(3000);

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));

        String text = log.text();
        assertThat(occurrences(text, "[Blink] Step ")).isEqualTo(StepProgress.LINE_LIMIT);
        assertThat(occurrences(text, "more steps not shown here")).isEqualTo(1);
        assertThat(text)
                .contains("… " + (3000 - StepProgress.LINE_LIMIT) + " more steps not shown here")
                .contains("see the run in Blink: " + outcome.runLink());
    }

    @Test
    void aWaitRebuiltFromItsSavedStatePrintsNoStepTwice() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(1500)).steps(6);
        WorkflowRunner runner = new WorkflowRunner(client, options(WaitMode.FOLLOW), log.log);
        FollowState follow = runner.start(request);
        for (int polls = 0; polls < 4; polls++) {
            WorkflowRunner.PollResult.Waiting waiting = (WorkflowRunner.PollResult.Waiting) runner.poll(follow);
            follow = waiting.next();
            Thread.sleep(waiting.delay().toMillis());
        }
        assertThat(follow.steps().lines())
                .as("some steps printed before the restart")
                .isPositive();

        Fixtures.CapturedLog afterRestart = new Fixtures.CapturedLog();
        WorkflowRunner resumed = new WorkflowRunner(client, options(WaitMode.FOLLOW), afterRestart.log);
        Waits.pollToTheEnd(resumed, Waits.roundTrip(follow));

        String text = log.text() + afterRestart.text();
        for (int i = 1; i <= 6; i++) {
            assertThat(occurrences(text, "Step Step " + i + " ended"))
                    .as("step %d", i)
                    .isEqualTo(1);
            assertThat(occurrences(text, "Step Step " + i + " started")).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aWaitSavedBeforeStepsWerePrintedReadsBackAsNothingPrintedAndNotPaused() {
        FollowState saved = new FollowState("ws", "wf", "ex", 0, 1000, "Running", 0, false, 0, 0, null, 0, 0);
        assertThat(saved.steps()).isEqualTo(StepMarks.NONE);
        assertThat(saved.paused()).isFalse();
    }

    @Test
    void theOutcomeLinksToTheRunBesideTheWorkflow() throws Exception {
        server.workflow("ws-1", "wf-1");

        ExecutionOutcome outcome = run(options(WaitMode.FOLLOW));

        String id = outcome.executionId();
        assertThat(outcome.runLink()).isEqualTo(server.url() + "/workspace/ws-1/executions/" + id);
        assertThat(outcome.environment())
                .containsEntry(ExecutionOutcome.ENV_EXECUTION_URL, outcome.runLink())
                .containsEntry(ExecutionOutcome.ENV_WORKFLOW_URL, server.url() + "/workspace/ws-1/workflow/wf-1/edit");
        assertThat(log.text()).contains("Run: " + outcome.runLink());
    }

    @Test
    void aRunLinkNeedingAnUnsafeIdIsLeftOut() {
        BlinkClient custom = new BlinkClient(
                io.jenkins.plugins.blinkops.core.http.BlinkTransport.forSettings(Fixtures.settings(server)
                        .withRunLink(new io.jenkins.plugins.blinkops.core.target.RunLinkTemplate(
                                "{host}/workspace/{workspaceId}/workflow/{workflowId}/runs/{executionId}"))),
                io.jenkins.plugins.blinkops.core.target.ApiKey.of(Fixtures.KEY));
        assertThat(custom.runLink("ws-1", "wf-1", "ex 1")).isNull();
        assertThat(custom.runLink("ws-1", "../admin", "ex-1")).isNull();
        assertThat(custom.runLink("ws-1", null, "ex-1"))
                .as("workflow not known yet")
                .isNull();
        assertThat(custom.runLink("ws-1", "wf+1", "ex-1"))
                .isEqualTo(server.url() + "/workspace/ws-1/workflow/wf%2B1/runs/ex-1");
    }

    @Test
    void aStepsErrorIsPrintedAsItsFirstLineWithoutControlCharacters() throws Exception {
        server.workflow("ws-1", "wf-1").steps(2).endsWith("Failed").error("EDR refused\u001b[2J\nstack trace", "E1");

        run(options(WaitMode.FOLLOW));

        assertThat(log.text())
                .contains("Step Step 2 ended Failed after 0 ms: EDR refused[2J" + System.lineSeparator())
                .doesNotContain("stack trace")
                .doesNotContain("\u001b");
        assertThat(occurrences(log.text(), "Step Step 2 ended Failed")).isEqualTo(1);
    }
}
