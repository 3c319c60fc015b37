package io.jenkins.plugins.blinkops;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

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
}
