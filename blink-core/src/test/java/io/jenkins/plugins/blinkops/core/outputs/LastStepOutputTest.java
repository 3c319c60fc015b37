package io.jenkins.plugins.blinkops.core.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import org.junit.jupiter.api.Test;

class LastStepOutputTest {
    private final LastStepOutput rule = new LastStepOutput();

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    @Test
    void theStepThatFinishedLastWinsWhateverTheOrder() {
        rule.offer("late", 300L, json("{\"v\":\"late\"}"), false);
        rule.offer("early", 100L, json("{\"v\":\"early\"}"), false);

        assertThat(rule.stepId()).isEqualTo("late");
        assertThat(rule.outputs().values().get("v").getAsString()).isEqualTo("late");
    }

    @Test
    void aTieOrNoTimeGoesByTheOrderListed() {
        rule.offer("a", 100L, json("{\"v\":1}"), false);
        rule.offer("b", 100L, json("{\"v\":2}"), false);
        assertThat(rule.stepId()).isEqualTo("b");

        LastStepOutput untimed = new LastStepOutput();
        untimed.offer("a", null, json("{\"v\":1}"), false);
        untimed.offer("b", null, json("{\"v\":2}"), false);
        assertThat(untimed.stepId()).isEqualTo("b");

        // a step that says when it finished beats one that does not
        LastStepOutput mixed = new LastStepOutput();
        mixed.offer("timed", 5L, json("{\"v\":1}"), false);
        mixed.offer("untimed", null, json("{\"v\":2}"), false);
        assertThat(mixed.stepId()).isEqualTo("timed");
    }

    @Test
    void stepsWithoutOutputArePassedOver() {
        rule.offer("real", 100L, json("{\"v\":1}"), false);
        for (String empty : new String[] {"null", "{}", "[]", "\"\""}) {
            rule.offer("empty " + empty, 200L, json(empty), false);
        }
        rule.offer("absent", 300L, null, false);

        assertThat(rule.stepId()).isEqualTo("real");
    }

    @Test
    void anOutputThatIsNotAnObjectIsTheOneOutputNamedOutput() {
        rule.offer("s", 1L, json("[\"web-01\",\"web-02\"]"), true);

        Outputs outputs = rule.outputs();
        assertThat(outputs.values().keySet()).containsExactly(LastStepOutput.SINGLE_OUTPUT);
        assertThat(outputs.values().getAsJsonArray("output")).hasSize(2);
        assertThat(outputs.truncated()).isTrue();
    }

    @Test
    void noStepWithOutputMeansNoOutputs() {
        assertThat(rule.outputs()).isEqualTo(Outputs.NONE);
        assertThat(rule.stepId()).isNull();
    }
}
