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

    @Test
    void aLaterRecordOfTheSameExecutionUpdatesItsRow(JenkinsRule j) throws Exception {
        FreeStyleBuild build = j.buildAndAssertSuccess(j.createFreeStyleProject());

        BlinkExecutionAction.record(build, new BlinkExecutionAction.Execution(started("ex-1"), true));
        BlinkExecutionAction.record(build, new BlinkExecutionAction.Execution(ended("ex-2", "Failed", false), true));
        BlinkExecutionAction.record(build, new BlinkExecutionAction.Execution(ended("ex-1", "Completed", false), true));

        List<BlinkExecutionAction.Execution> rows =
                build.getAction(BlinkExecutionAction.class).getExecutions();
        assertThat(rows)
                .extracting(BlinkExecutionAction.Execution::getExecutionId)
                .containsExactly("ex-1", "ex-2");
        assertThat(rows.get(0).getState()).isEqualTo("Completed");
        assertThat(rows.get(0).getDuration()).isNotNull();
        assertThat(rows.get(0).getRemark()).isNull();
    }

    @Test
    void aBuildThatRecordedOneExecutionTwiceShowsItOnce(JenkinsRule j) {
        String xml = "<io.jenkins.plugins.blinkops.call.BlinkExecutionAction><executions>"
                + row("ex-1", "", "Execution ex-1 started; not waiting for it.")
                + row("ex-1", "<state>Completed</state><success>true</success>", "Execution ex-1 ended Completed.")
                + "</executions></io.jenkins.plugins.blinkops.call.BlinkExecutionAction>";

        BlinkExecutionAction loaded = (BlinkExecutionAction) Run.XSTREAM2.fromXML(xml);

        assertThat(loaded.getExecutions()).singleElement().satisfies(row -> {
            assertThat(row.getState()).isEqualTo("Completed");
            // recorded before durations were kept: the old summary stands in for the remark
            assertThat(row.getDuration()).isNull();
            assertThat(row.getRemark()).isEqualTo("Execution ex-1 ended Completed.");
        });
    }

    @Test
    void theStateIsShownWithJenkinsOwnStatusSymbol(JenkinsRule j) {
        assertThat(symbolOf(ended("ex", "Completed", false))).isEqualTo("symbol-status-blue");
        assertThat(symbolOf(ended("ex", "Failed", false))).isEqualTo("symbol-status-red");
        assertThat(symbolOf(ended("ex", "Cancelled", false))).isEqualTo("symbol-status-aborted");
        assertThat(symbolOf(ended("ex", "Paused", false))).isEqualTo("symbol-status-yellow");
        assertThat(symbolOf(ended("ex", "Running", true))).isEqualTo("symbol-status-aborted");
        assertThat(symbolOf(started("ex"))).isEqualTo("symbol-status-nobuilt");
    }

    private static String symbolOf(ExecutionOutcome outcome) {
        return new BlinkExecutionAction.Execution(outcome, true).getStatusSymbol();
    }

    private static String row(String id, String state, String summary) {
        return "<io.jenkins.plugins.blinkops.call.BlinkExecutionAction_-Execution><workflowId>wf</workflowId>"
                + "<executionId>" + id + "</executionId>" + state + "<summary>" + summary + "</summary>"
                + "</io.jenkins.plugins.blinkops.call.BlinkExecutionAction_-Execution>";
    }

    private static ExecutionOutcome started(String id) {
        return new ExecutionOutcome(WaitMode.NONE, "ws", "wf", id, null, false, null, null, "link", Duration.ZERO);
    }

    private static ExecutionOutcome ended(String id, String state, boolean timedOut) {
        return new ExecutionOutcome(
                WaitMode.FOLLOW,
                "ws",
                "wf",
                id,
                ExecutionState.of(state),
                timedOut,
                null,
                null,
                "link",
                Duration.ofSeconds(4));
    }
}
