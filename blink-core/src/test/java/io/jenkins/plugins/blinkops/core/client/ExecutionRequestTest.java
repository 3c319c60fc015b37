package io.jenkins.plugins.blinkops.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.callback.CallbackToken;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutionRequestTest {

    private static JsonObject body(ExecutionRequest r) {
        return JsonParser.parseString(Fixtures.withoutNonce(r.toJsonBody())).getAsJsonObject();
    }

    @Test
    void bodyLeavesOutEveryFieldNotSet() {
        assertThat(Fixtures.withoutNonce(
                        ExecutionRequest.builder("ws", "wf").build().toJsonBody()))
                .isEqualTo("{}");
    }

    @Test
    void bodyUsesTheApiSnakeCaseNames() {
        ExecutionRequest r = ExecutionRequest.builder("ws", "wf")
                .input("target", "prod")
                .eventJson("{\"alert\": {\"id\": 7}}")
                .runner("runners-eu")
                .triggerType("jenkins")
                .pastExecutionRef("e-1")
                .build();
        assertThat(body(r).keySet())
                .containsExactly("input_values", "event", "runner", "trigger_type", "past_exec_ref");
        assertThat(Fixtures.withoutNonce(r.toJsonBody()))
                .isEqualTo("{\"input_values\":{\"target\":\"prod\"},\"event\":{\"alert\":{\"id\":7}},"
                        + "\"runner\":\"runners-eu\",\"trigger_type\":\"jenkins\",\"past_exec_ref\":\"e-1\"}");
    }

    @Test
    void inputsKeepTheirJsonTypes() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("count", 3);
        inputs.put("ratio", 0.5);
        inputs.put("dryRun", true);
        inputs.put("hosts", List.of("a", "b"));
        inputs.put("meta", Map.of("k", "v"));
        inputs.put("nothing", null);
        JsonObject values = body(ExecutionRequest.builder("ws", "wf")
                        .inputs(inputs)
                        .build())
                .getAsJsonObject("input_values");
        assertThat(values.toString())
                .isEqualTo("{\"count\":3,\"ratio\":0.5,\"dryRun\":true,\"hosts\":[\"a\",\"b\"],\"meta\":{\"k\":\"v\"},"
                        + "\"nothing\":null}");
    }

    @Test
    void referencesAreExpandedInStringsAtAnyDepth() {
        VariableExpander vars =
                new VariableExpander(References.of(Map.of("ENV", "prod", "N", "7"), Set.of()), true, n -> {}, n -> {});
        ExecutionRequest r = ExecutionRequest.builder("ws", "wf")
                .expandingWith(vars)
                .input("target", "${ENV}")
                .input("list", List.of("${ENV}-a", 1))
                .input("build", "#${N}")
                .event(Map.of("env", "${ENV}"))
                .runner("runner-${ENV}")
                .build();
        assertThat(Fixtures.withoutNonce(r.toJsonBody()))
                .isEqualTo("{\"input_values\":{\"target\":\"prod\",\"list\":[\"prod-a\",1],\"build\":\"#7\"},"
                        + "\"event\":{\"env\":\"prod\"},\"runner\":\"runner-prod\"}");
    }

    @Test
    void buildParametersBecomeInputsButExplicitInputsWin() {
        ExecutionRequest r = ExecutionRequest.builder("ws", "wf")
                .input("TARGET", "explicit")
                .parametersAsInputs(Map.of("TARGET", "param", "REGION", "eu"))
                .build();
        JsonObject values = body(r).getAsJsonObject("input_values");
        assertThat(values.get("TARGET").getAsString()).isEqualTo("explicit");
        assertThat(values.get("REGION").getAsString()).isEqualTo("eu");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void blankWorkspaceIsRejectedByName(String ws) {
        assertThatThrownBy(() -> ExecutionRequest.builder(ws, "wf"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("workspaceId: is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a b", "a\nb"})
    void idsThatWouldChangeThePathAreRejected(String wf) {
        assertThatThrownBy(() -> ExecutionRequest.builder("ws", wf))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("workflowId: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "{not json", "null"})
    void eventThatIsNotAJsonObjectIsRejectedByName(String event) {
        assertThatThrownBy(() -> ExecutionRequest.builder("ws", "wf").eventJson(event))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("event: ");
    }

    @Test
    void blankEventMeansNone() {
        assertThat(Fixtures.withoutNonce(ExecutionRequest.builder("ws", "wf")
                        .eventJson("  ")
                        .build()
                        .toJsonBody()))
                .isEqualTo("{}");
    }

    @Test
    void inputWithoutNameIsRejected() {
        assertThatThrownBy(() -> ExecutionRequest.builder("ws", "wf").input(" ", "v"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("inputs: ");
    }

    @Test
    void runnerWithALineBreakIsRejected() {
        assertThatThrownBy(() -> ExecutionRequest.builder("ws", "wf").runner("a\nb"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("runner: ");
    }

    @Test
    void requestIsImmutableOnceBuilt() {
        ExecutionRequest.Builder b = ExecutionRequest.builder("ws", "wf").input("a", "1");
        ExecutionRequest r = b.build();
        b.input("b", "2");
        r.inputValues().addProperty("c", "3");
        assertThat(body(r).getAsJsonObject("input_values").keySet()).containsExactly("a");
    }

    @Test
    void noCallbackUnlessAsked() {
        ExecutionRequest r =
                ExecutionRequest.builder("ws", "wf").input("a", "1").build();
        assertThat(r.callbackArmed()).isFalse();
        assertThat(body(r).has("callback")).isFalse();
        assertThat(r.toString()).doesNotContain("callback");
    }

    @Test
    void anArmedRequestAsksForAPostToTheBaseAndToken() {
        CallbackToken token = CallbackToken.generate();
        ExecutionRequest r = ExecutionRequest.builder("ws", "wf")
                .build()
                .withCallback(" https://jenkins.example.com/blink-callback/ ", token);
        assertThat(r.callbackArmed()).isTrue();
        JsonObject callback = body(r).getAsJsonObject("callback");
        assertThat(callback.keySet()).containsExactly("url", "method");
        assertThat(callback.get("url").getAsString())
                .isEqualTo("https://jenkins.example.com/blink-callback/" + token.value());
        assertThat(callback.get("method").getAsString()).isEqualTo("POST");
    }

    @Test
    void toStringSaysArmedButNeverShowsTheUrlNorTheToken() {
        CallbackToken token = CallbackToken.generate();
        ExecutionRequest r = ExecutionRequest.builder("ws", "wf")
                .build()
                .withCallback("https://jenkins.example.com/blink-callback/", token);
        assertThat(r.toString())
                .contains("callback")
                .doesNotContain(token.value())
                .doesNotContain("jenkins.example.com");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ftp://jenkins/cb/", "https://jenkins/cb", "jenkins/cb/", "  "})
    void aBaseThatIsNoHttpUrlEndingInSlashIsRejectedWithoutTheToken(String base) {
        CallbackToken token = CallbackToken.generate();
        assertThatThrownBy(() -> ExecutionRequest.builder("ws", "wf").build().withCallback(base, token))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("callbackUrl: ")
                .message()
                .doesNotContain(token.value());
    }

    /** Found by InputFieldPropertiesTest: a NaN in a Pipeline map was sent as NaN, which no JSON reader takes. */
    @Test
    void aNumberJsonCannotCarryIsRefusedByItsInputsName() {
        assertThatThrownBy(() -> ExecutionRequest.builder("ws", "wf").input("ratio", Double.NaN))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("inputs.ratio: holds NaN, which is not a number JSON can carry");
        assertThatThrownBy(() -> ExecutionRequest.builder("ws", "wf")
                        .event(Map.of("limits", List.of(1, Double.POSITIVE_INFINITY))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("event: holds Infinity");
    }

    /** Found by InputFieldPropertiesTest: an id "." or ".." was put into the path, where it is a path step. */
    @ParameterizedTest
    @ValueSource(strings = {".", "..", " .. "})
    void anIdThatIsAPathStepIsRefused(String id) {
        assertThatThrownBy(() -> ExecutionRequest.builder("ws", id))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("workflowId: '" + id.strip() + "' is not a Blink id");
    }
}
