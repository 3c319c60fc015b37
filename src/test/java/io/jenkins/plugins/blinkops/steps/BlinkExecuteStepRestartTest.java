package io.jenkins.plugins.blinkops.steps;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.call.BlinkExecutionAction;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.fake.SentCallback;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class BlinkExecuteStepRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aWaitGoesOnAfterAControllerRestart() throws Throwable {
        // the Blink server outlives both Jenkins sessions, and the workflow outlives the restart
        try (FakeBlinkServer server = BlinkFixture.startServer()) {
            server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofSeconds(30));
            sessions.then(j -> {
                BlinkFixture.configure(server);
                WorkflowJob job = j.createProject(WorkflowJob.class, "follow");
                job.setDefinition(new CpsFlowDefinition("""
                        def result = blinkExecute workflowId: '%s'
                        echo "state=${result.state}"
                        """.formatted(WORKFLOW), true));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                j.waitForMessage("State: Running", run);
            });
            sessions.then(j -> {
                WorkflowJob job = j.jenkins.getItemByFullName("follow", WorkflowJob.class);
                WorkflowRun run = job.getBuildByNumber(1);

                j.assertBuildStatusSuccess(j.waitForCompletion(run));

                String id = server.executions().get(0).id();
                j.assertLogContains("Jenkins restarted; following execution " + id + " again.", run);
                j.assertLogContains("state=Completed", run);
                assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
                assertThat(run.getAction(BlinkExecutionAction.class).getExecutions())
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExecutionId()).isEqualTo(id));
            });
        }
    }

    /**
     * The step keeps only the hash of the callback's token, and listens for it again after the
     * restart: the fake Blink calls back the URL it was given before it, and the wait wakes.
     */
    @Test
    void blinksCallbackStillWakesTheWaitAfterARestart() throws Throwable {
        AtomicLong blinkClockOffset = new AtomicLong();
        AtomicReference<String> token = new AtomicReference<>();
        try (FakeBlinkServer server = BlinkFixture.startServer()) {
            server.clock(() -> System.currentTimeMillis() + blinkClockOffset.get());
            server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofHours(1));
            sessions.then(j -> {
                BlinkFixture.configure(server).setCallbackEnabled(true);
                WorkflowJob job = j.createProject(WorkflowJob.class, "called-back");
                job.setDefinition(new CpsFlowDefinition("blinkExecute workflowId: '%s'".formatted(WORKFLOW), true));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                j.waitForMessage("Blink will call Jenkins back", run);
                String url = server.requests(Route.EXECUTE)
                        .get(0)
                        .bodyJson()
                        .getAsJsonObject("callback")
                        .get("url")
                        .getAsString();
                token.set(url.substring(url.lastIndexOf('/') + 1));
            });
            sessions.then(j -> {
                WorkflowRun run = j.jenkins
                        .getItemByFullName("called-back", WorkflowJob.class)
                        .getBuildByNumber(1);
                // the read made on resuming, before the run ends: else that read could find the end first
                j.waitForMessage("State: Running", run);
                blinkClockOffset.addAndGet(Duration.ofHours(2).toMillis());

                j.assertBuildStatusSuccess(j.waitForCompletion(run));
                j.assertLogContains("Blink called back; reading execution", run);
                j.assertLogNotContains("found the end by polling", run);
                assertThat(server.callbacks()).extracting(SentCallback::url).allMatch(url -> url.endsWith(token.get()));
            });
        }
    }

    /**
     * Blink holds a synchronous run for up to its timeout, so it does not hold up a restart; after one
     * the step ends, saying why: a synchronous run has no execution id to follow.
     */
    @Test
    void aRestartDuringASynchronousRunEndsTheStepSayingWhy() throws Throwable {
        try (FakeBlinkServer server = BlinkFixture.startServer()) {
            server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));
            sessions.then(j -> {
                BlinkFixture.configure(server);
                WorkflowJob job = j.createProject(WorkflowJob.class, "sync");
                job.setDefinition(new CpsFlowDefinition(
                        "blinkExecute workflowId: '%s', waitMode: 'SYNC'".formatted(WORKFLOW), true));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                while (server.inFlight() == 0) {
                    Thread.sleep(100); // until Blink holds the request; the test's own timeout bounds this
                }
                assertThat(BlinkFixture.blocksRestartOnceSettled(run)).isFalse();
            });
            sessions.then(j -> {
                WorkflowRun run =
                        j.jenkins.getItemByFullName("sync", WorkflowJob.class).getBuildByNumber(1);

                j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
                j.assertLogContains("A synchronous run has no execution id", run);
                assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
            });
        }
    }
}
