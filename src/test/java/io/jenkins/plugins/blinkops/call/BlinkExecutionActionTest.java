package io.jenkins.plugins.blinkops.call;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.Run;
import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class BlinkExecutionActionTest {

    /**
     * Parallel branches record their executions while the build is being saved on another thread
     * (PipelineScaleBenchmark saw a save fail with a ConcurrentModificationException, and the build
     * with it). Saving while another thread records must never fail.
     */
    @Test
    void theBuildCanBeSavedWhileBranchesRecord(JenkinsRule j) throws Exception {
        FreeStyleBuild build = j.buildAndAssertSuccess(j.createFreeStyleProject());
        BlinkExecutionAction.record(build, execution(0));
        BlinkExecutionAction action = build.getAction(BlinkExecutionAction.class);

        CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 300; i++) {
                BlinkExecutionAction.record(build, execution(i));
            }
        });
        List<Throwable> failures = new ArrayList<>();
        while (!recording.isDone()) {
            try {
                Run.XSTREAM2.toXML(action);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        recording.join();

        assertThat(failures).isEmpty();
        assertThat(action.getExecutions()).hasSize(301);
    }

    private static BlinkExecutionAction.Execution execution(int n) {
        return new BlinkExecutionAction.Execution(outcome(n), true);
    }

    private static ExecutionOutcome outcome(int n) {
        return new ExecutionOutcome(
                WaitMode.FOLLOW,
                "ws",
                "wf",
                "ex-" + n,
                ExecutionState.of("Completed"),
                false,
                null,
                null,
                "link",
                Duration.ZERO);
    }
}
