package io.jenkins.plugins.blinkops.steps;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;

/** Each connection has its own share of the plugin's call threads: one whose Blink hangs starves no other. */
class ConnectionSharesTest extends ConfiguredBlinkTest {

    @Test
    void aConnectionWhoseBlinkHangsLeavesAnothersBuildsGoingOn() throws Exception {
        try (FakeBlinkServer hanging = BlinkFixture.startServer()) {
            BlinkConnection main =
                    BlinkFixture.connection(BlinkFixture.CONNECTION, server, BlinkFixture.CREDENTIALS_ID);
            BlinkConnection lab = BlinkFixture.connection("lab", hanging, BlinkFixture.CREDENTIALS_ID);
            lab.setMaxConcurrentRequests(2);
            // no timeout frees a thread during the test: with one pool for all, "main" would wait for ever
            lab.setResponseTimeoutSeconds(600);
            lab.setCallTimeoutSeconds(600);
            BlinkGlobalConfiguration.get().setConnections(List.of(main, lab));
            // every read of a run on "lab" hangs: more builds than the plugin once had threads for all
            hanging.fault(Route.GET_EXECUTION, Fault.slow(Duration.ofMinutes(10)), 1000);
            List<WorkflowRun> stuck = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                stuck.add(pipeline("blinkExecute connection: 'lab', workflowId: '%s'".formatted(WORKFLOW))
                        .scheduleBuild2(0)
                        .waitForStart());
            }
            while (hanging.inFlight() < 2 || hanging.count(Route.EXECUTE) < 2) {
                Thread.sleep(100); // until "lab" has its share busy; the test's own timeout bounds this
            }

            WorkflowRun other = j.buildAndAssertSuccess(
                    pipeline("blinkExecute connection: 'main', workflowId: '%s'".formatted(WORKFLOW)));

            j.assertLogContains("Completed", other);
            assertThat(hanging.inFlight())
                    .as("lab's calls in flight: its share only")
                    .isEqualTo(2);
            for (WorkflowRun run : stuck) {
                run.doStop();
            }
            for (WorkflowRun run : stuck) {
                j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            }
        }
    }
}
