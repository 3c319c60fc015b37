package io.jenkins.plugins.blinkops.steps;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.call.BlinkExecutionAction;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Route;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class BlinkWaitStepRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void blinkWaitGoesOnAfterAControllerRestart() throws Throwable {
        // the Blink server outlives both Jenkins sessions, and the workflow outlives the restart
        try (FakeBlinkServer server = BlinkFixture.startServer()) {
            server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofSeconds(30)).outputs("{\"verdict\": \"contained\"}");
            sessions.then(j -> {
                BlinkFixture.configure(server);
                WorkflowJob job = j.createProject(WorkflowJob.class, "wait");
                job.setDefinition(new CpsFlowDefinition("""
                        def id = blinkExecute(workflowId: '%s', waitMode: 'NONE').executionId
                        def result = blinkWait executionId: id
                        echo "state=${result.state} verdict=${result.outputs.verdict}"
                        """.formatted(WORKFLOW), true));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                j.waitForMessage("State: Running", run);
                assertThat(BlinkFixture.blocksRestartOnceSettled(run)).isFalse();
            });
            sessions.then(j -> {
                WorkflowRun run =
                        j.jenkins.getItemByFullName("wait", WorkflowJob.class).getBuildByNumber(1);

                j.assertBuildStatusSuccess(j.waitForCompletion(run));

                String id = server.executions().get(0).id();
                j.assertLogContains("Jenkins restarted; following execution " + id + " again.", run);
                j.assertLogContains("state=Completed verdict=contained", run);
                assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
                assertThat(run.getAction(BlinkExecutionAction.class).getExecutions())
                        .filteredOn(e -> "Completed".equals(e.getState()))
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExecutionId()).isEqualTo(id));
            });
        }
    }
}
