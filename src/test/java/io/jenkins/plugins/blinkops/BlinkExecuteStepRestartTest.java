package io.jenkins.plugins.blinkops;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Route;
import java.time.Duration;
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
                assertThat(run.getExecution().blocksRestart()).isFalse();
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
