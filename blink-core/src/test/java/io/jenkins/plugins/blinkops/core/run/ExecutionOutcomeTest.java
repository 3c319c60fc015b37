package io.jenkins.plugins.blinkops.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutionOutcomeTest {

    private static ExecutionOutcome followed(String state, boolean timedOut) {
        return new ExecutionOutcome(
                WaitMode.FOLLOW,
                "ws",
                "wf",
                "ex-1",
                ExecutionState.of(state),
                timedOut,
                new Outputs(
                        JsonParser.parseString("{\"n\":1,\"list\":[true,\"x\"],\"o\":{\"d\":2.5}}")
                                .getAsJsonObject(),
                        false),
                state.equals("Failed") ? "step 3 failed" : null,
                "https://app.blinkops.com/workspace/ws/workflow/wf/edit",
                Duration.ofSeconds(12));
    }

    @ParameterizedTest
    @CsvSource({
        "Completed, false, FAILURE, SUCCESS",
        "Failed, false, FAILURE, FAILURE",
        "Failed, false, UNSTABLE, UNSTABLE",
        "Failed, false, IGNORE, SUCCESS",
        "Running, true, FAILURE, FAILURE",
        "Running, true, UNSTABLE, UNSTABLE",
        "Completed, true, FAILURE, FAILURE",
    })
    void verdictFollowsTheUsersChoice(String state, boolean timedOut, FailureHandling handling, BuildVerdict verdict) {
        assertThat(followed(state, timedOut).verdict(handling)).isEqualTo(verdict);
    }

    @ParameterizedTest
    @CsvSource({"FAILURE, FAILURE", "UNSTABLE, UNSTABLE", "IGNORE, SUCCESS"})
    void aWorkflowThatCouldNotStartIsJudgedByTheSameChoice(FailureHandling handling, BuildVerdict verdict) {
        assertThat(handling.verdict()).isEqualTo(verdict);
    }

    @Test
    void notWaitingIsASuccess() {
        ExecutionOutcome started =
                new ExecutionOutcome(WaitMode.NONE, "ws", "wf", "ex", null, false, null, null, "link", Duration.ZERO);
        assertThat(started.verdict(FailureHandling.FAILURE)).isEqualTo(BuildVerdict.SUCCESS);
        assertThat(started.environment())
                .containsExactly(Map.entry("BLINK_EXECUTION_ID", "ex"), Map.entry("BLINK_WORKFLOW_URL", "link"));
    }

    @Test
    void environmentHasIdStateAndLink() {
        assertThat(followed("Completed", false).environment())
                .containsExactly(
                        Map.entry("BLINK_EXECUTION_ID", "ex-1"),
                        Map.entry("BLINK_EXECUTION_STATE", "Completed"),
                        Map.entry("BLINK_WORKFLOW_URL", "https://app.blinkops.com/workspace/ws/workflow/wf/edit"));
    }

    @Test
    void returnValueHoldsOnlyPlainJavaTypes() {
        Map<String, Object> map = followed("Completed", false).toMap();
        assertThat(map)
                .containsEntry("executionId", "ex-1")
                .containsEntry("state", "Completed")
                .containsEntry("success", true)
                .containsEntry("durationMillis", 12_000L);
        assertThat(map.get("outputs")).isEqualTo(Map.of("n", 1L, "list", List.of(true, "x"), "o", Map.of("d", 2.5)));
    }

    @Test
    void theReturnedUrlIsTheRunsAndTheWorkflowEditorIsBesideIt() {
        String run = "https://app.blinkops.com/workspace/ws/executions/ex-1";
        String editor = "https://app.blinkops.com/workspace/ws/workflow/wf/edit";
        ExecutionOutcome outcome = new ExecutionOutcome(
                WaitMode.FOLLOW,
                "ws",
                "wf",
                "ex-1",
                ExecutionState.of("Completed"),
                false,
                Outputs.NONE,
                null,
                editor,
                Duration.ofSeconds(1),
                run,
                false);

        assertThat(outcome.toMap()).containsEntry("url", run).containsEntry("workflowUrl", editor);
        assertThat(outcome.environment())
                .containsEntry("BLINK_EXECUTION_URL", run)
                .containsEntry("BLINK_WORKFLOW_URL", editor);
    }

    @Test
    void summarySaysWhatHappened() {
        assertThat(followed("Failed", false).summary())
                .isEqualTo("Execution ex-1 ended Failed after 12 s: step 3 failed.");
        assertThat(followed("Running", true).summary())
                .contains("had not finished")
                .contains("not cancelled");
        assertThat(followed("Paused", false).summary()).contains("waits for a person");
    }

    @Test
    void theRemarkBesideTheStateNeverRepeatsTheIdAndIsEmptyForARunThatEndedWell() {
        assertThat(followed("Completed", false).remark()).isNull();
        assertThat(followed("Running", true).remark()).contains("wait ended before the run did");
        assertThat(followed("Paused", false).remark()).contains("waits for a person");
        ExecutionOutcome failed = new ExecutionOutcome(
                WaitMode.FOLLOW,
                "ws",
                "wf",
                "ex-1",
                ExecutionState.of("Failed"),
                false,
                null,
                "step 3: host unreachable",
                null,
                Duration.ofSeconds(3));
        assertThat(failed.remark()).isEqualTo("step 3: host unreachable");
        ExecutionOutcome started =
                new ExecutionOutcome(WaitMode.NONE, "ws", "wf", "ex-1", null, false, null, null, null, Duration.ZERO);
        assertThat(started.remark()).isEqualTo("Started; not waited for.");
        for (ExecutionOutcome outcome :
                List.of(followed("Running", true), followed("Paused", false), failed, started)) {
            assertThat(outcome.remark()).doesNotContain("ex-1");
        }
    }
}
