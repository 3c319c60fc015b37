package io.jenkins.plugins.blinkops.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.stream.JsonReader;
import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.StepResult;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReadingTest {

    private static CappedJson.Capped capped(String json, long limit) throws IOException {
        return CappedJson.read(new JsonReader(new StringReader(json)), limit);
    }

    @Test
    void smallValuesAreKeptWhole() throws IOException {
        CappedJson.Capped c = capped("{\"a\":[1,2.5,true,null,\"x\"],\"b\":{\"c\":\"d\"}}", 1000);
        assertThat(c.truncated()).isFalse();
        assertThat(c.value().toString()).isEqualTo("{\"a\":[1,2.5,true,null,\"x\"],\"b\":{\"c\":\"d\"}}");
    }

    @Test
    void whatDoesNotFitIsLeftOutAndSaid() throws IOException {
        String big = "x".repeat(500);
        CappedJson.Capped c = capped("{\"first\":\"" + big + "\",\"second\":\"" + big + "\",\"third\":1}", 700);
        assertThat(c.truncated()).isTrue();
        assertThat(c.value().getAsJsonObject().get("first").getAsString()).hasSize(500);
        assertThat(c.value().toString().length()).isLessThan(800);
        assertThat(c.value().getAsJsonObject().has("third")).isFalse();
    }

    @Test
    void aSingleHugeStringIsCut() throws IOException {
        CappedJson.Capped c = capped("{\"s\":\"" + "y".repeat(10_000) + "\"}", 100);
        assertThat(c.truncated()).isTrue();
        assertThat(c.value().getAsJsonObject().get("s").getAsString().length()).isLessThanOrEqualTo(100);
    }

    @Test
    void executionStatusIsReadFieldByFieldPreferringStateUi() throws IOException {
        String json = "{\"id\":\"e1\",\"playbook_id\":\"wf\",\"playbook_name\":\"Rotate\",\"state\":\"failed\","
                + "\"state_ui\":\"Failed\",\"error_details\":{\"message\":\"boom\",\"error_code\":\"E42\"},"
                + "\"step_results\":[{\"huge\":\"" + "z".repeat(5000) + "\"}],\"started_at\":1700000000000,"
                + "\"finished_at\":\"1700000005000\",\"extra\":{\"ignored\":[1,2]}}";
        ExecutionStatus s = ResponseParsers.execution(new StringReader(json), 1000);
        assertThat(s.executionId()).isEqualTo("e1");
        assertThat(s.workflowName()).isEqualTo("Rotate");
        assertThat(s.state().name()).isEqualTo("Failed");
        assertThat(s.errorMessage()).isEqualTo("boom");
        assertThat(s.errorCode()).isEqualTo("E42");
        assertThat(s.startedAt()).isEqualTo(1_700_000_000_000L);
        assertThat(s.finishedAt()).isEqualTo(1_700_000_005_000L);
        // a step result without output_data carries no outputs
        assertThat(s.stepResults().hasOutputs()).isFalse();
    }

    @Test
    void stateFallsBackToStateWhenStateUiIsMissing() throws IOException {
        ExecutionStatus s = ResponseParsers.execution(new StringReader("{\"state\":\"completed\"}"), 10);
        assertThat(s.state().isSuccess()).isTrue();
    }

    @Test
    void anExecutionWithoutStateIsRejected() {
        assertThatThrownBy(() -> ResponseParsers.execution(new StringReader("{\"id\":\"e\"}"), 10))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stepsAreReadWithTheLastOutputOnly() throws IOException {
        String json = "{\"results\":[{\"step_id\":\"s1\",\"state\":\"completed\",\"output_data\":{\"big\":\""
                + "x".repeat(200_000) + "\"},\"error_data\":null},"
                + "{\"step_id\":\"s2\",\"state\":\"Failed\",\"error_data\":{\"message\":\"timeout talking to EDR\"}},"
                + "{\"step_id\":\"s3\",\"state\":\"Skipped\",\"error_data\":\"not reached\"},"
                + "{\"step_id\":\"s4\",\"state\":\"running\"}],\"total\":4}";
        ExecutionSteps steps = ResponseParsers.steps(new StringReader(json), 1000);
        assertThat(steps.outputStep()).isEqualTo("s1");
        assertThat(steps.outputs().truncated()).isTrue();
        assertThat(steps.outputs().values().get("big").getAsString().length()).isLessThanOrEqualTo(1000);
        assertThat(steps.steps())
                .containsExactly(
                        new StepResult("s1", ExecutionState.of("completed"), null),
                        new StepResult("s2", ExecutionState.of("Failed"), "timeout talking to EDR"),
                        new StepResult("s3", ExecutionState.of("Skipped"), "not reached"),
                        new StepResult("s4", ExecutionState.of("running"), null));
    }

    @Test
    void onlyEndedStepsThatDidNotCompleteCountAsFailed() {
        assertThat(new StepResult("a", ExecutionState.of("Failed"), null).failed())
                .isTrue();
        assertThat(new StepResult("b", ExecutionState.of("Completed"), null).failed())
                .isFalse();
        assertThat(new StepResult("c", ExecutionState.of("Running"), null).failed())
                .isFalse();
    }

    @Test
    void listsAreAcceptedBareOrUnderResults() throws Exception {
        assertThat(ResponseParsers.workspaceCount(new StringReader("[{\"id\":\"a\"},{\"id\":\"b\"}]")))
                .isEqualTo(2);
        assertThat(ResponseParsers.workflowPage(
                                new StringReader(
                                        "{\"results\":[{\"id\":\"1\",\"name\":\"One\",\"active\":false},{\"id\":\"2\"},{\"name\":\"no id\"}]}"))
                        .workflows())
                .containsExactly(new WorkflowSummary("1", "One", false), new WorkflowSummary("2", "2", true));
    }

    @Test
    void executionIdIsRequired() throws Exception {
        assertThat(ResponseParsers.executionId(new StringReader("{\"execution_id\":\"abc\"}")))
                .isEqualTo("abc");
        assertThatThrownBy(() -> ResponseParsers.executionId(new StringReader("{\"id\":\"abc\"}")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void javaValuesRoundTripThroughJson() {
        Object java = JsonValues.toJava(JsonValues.toJson(
                Map.of("i", 1, "l", List.of("a", false), "big", new BigInteger("123456789012345678901234567890"))));
        assertThat(java).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) java;
        assertThat(map.get("i")).isEqualTo(1L);
        assertThat(map.get("l")).isEqualTo(List.of("a", false));
        assertThat(map.get("big")).isInstanceOf(Double.class);
    }

    @Test
    void arraysAndUnknownTypesBecomeJson() {
        assertThat(JsonValues.toJson(new int[] {1, 2}).toString()).isEqualTo("[1,2]");
        assertThat(JsonValues.toJson(new StringBuilder("gstring")).getAsString())
                .isEqualTo("gstring");
    }

    @Test
    void errorBodiesYieldBlinksMessageOrAQuote() {
        assertThat(ErrorBodies.message("{\"status\":404,\"message\":\"Can not find Playbook\",\"details\":\"x\"}"))
                .as("the details say why")
                .isEqualTo("Can not find Playbook (x)");
        assertThat(ErrorBodies.message("{\"message\":\"Can not find Playbook\",\"details\":\"Can not find Playbook\"}"))
                .as("details that only repeat the message")
                .isEqualTo("Can not find Playbook");
        assertThat(ErrorBodies.message("<html>\n<body>Bad   Gateway</body></html>"))
                .isEqualTo("<html> <body>Bad Gateway</body></html>");
        assertThat(ErrorBodies.message("x".repeat(1000))).hasSize(301).endsWith("…");
        assertThat(ErrorBodies.message("  ")).isNull();
    }

    /** Found by AnswerReadingPropertiesTest: a list answer was read whole, however long. */
    @Test
    void anAnswerReadWholeIsRefusedPastItsLimit() {
        String name = "n".repeat((int) ResponseParsers.TREE_ANSWER_LIMIT);
        String body = "{\"results\":[{\"id\":\"wf-1\",\"name\":\"" + name + "\"}]}";
        assertThatThrownBy(() -> ResponseParsers.workflowPage(new StringReader(body)))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("the answer is longer than " + ResponseParsers.TREE_ANSWER_LIMIT + " characters");
    }

    /** Found by AnswerReadingPropertiesTest: Blink's message in an error body was kept whole (64 KB). */
    @Test
    void blinksOwnMessageIsShortenedLikeAQuotedBody() {
        String message = ErrorBodies.message("{\"message\":\"" + "m".repeat(10_000) + "\"}");
        assertThat(message).hasSize(301).endsWith("…");
    }

    /** Found by InputFieldPropertiesTest: JSON text was parsed leniently, and {"a":NaN} sent as {"a":"NaN"}. */
    @Test
    void jsonTextIsStandardJsonOnly() {
        for (String text : List.of("{\"a\":NaN}", "{a:1}", "{'a':'b'}", "{\"a\":1} // note")) {
            assertThatThrownBy(() -> JsonValues.parseObject(text, "inputs"))
                    .as(text)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("inputs: is not valid JSON (")
                    .hasMessageNotContaining("Troubleshooting")
                    .hasMessageNotContaining("setStrictness");
        }
        assertThat(JsonValues.parseObject(" {\"a\": [1, 2.5, \"x\"]} ", "inputs")
                        .toString())
                .isEqualTo("{\"a\":[1,2.5,\"x\"]}");
    }
}
