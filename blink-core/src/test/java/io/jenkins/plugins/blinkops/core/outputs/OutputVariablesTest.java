package io.jenkins.plugins.blinkops.core.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The outputs as freestyle variables, and as the build page keeps them: naming and size rules. */
class OutputVariablesTest {

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @ParameterizedTest
    @CsvSource({
        "verdict, BLINK_OUTPUT_VERDICT",
        "host-name, BLINK_OUTPUT_HOST_NAME",
        "already_OK_9, BLINK_OUTPUT_ALREADY_OK_9",
        "'a.b c/d', BLINK_OUTPUT_A_B_C_D",
        "caf\u00e9, BLINK_OUTPUT_CAF_",
        // one character outside the BMP is one character, so one underscore
        "x\uD83D\uDE00, BLINK_OUTPUT_X_",
        "1st, BLINK_OUTPUT_1ST"
    })
    void namesAreUpperCasedAndEverythingElseBecomesAnUnderscore(String output, String variable) {
        assertThat(OutputVariables.variableName(output)).isEqualTo(variable);
    }

    @Test
    void onlyTopLevelScalarsBecomeVariablesAndTheRestIsNamedWithItsReason() {
        OutputVariables vars = OutputVariables.of(json("""
                {"verdict": "contained", "hosts": 3, "ok": true, "ratio": 0.25,
                 "details": {"a": 1}, "tags": ["x"], "none": null, "host-name": "a"}
                """));

        assertThat(vars.variables())
                .containsExactly(
                        Map.entry("BLINK_OUTPUT_VERDICT", "contained"),
                        Map.entry("BLINK_OUTPUT_HOSTS", "3"),
                        Map.entry("BLINK_OUTPUT_OK", "true"),
                        Map.entry("BLINK_OUTPUT_RATIO", "0.25"),
                        Map.entry("BLINK_OUTPUT_HOST_NAME", "a"));
        assertThat(vars.leftOutLine())
                .isEqualTo("Outputs not set as BLINK_OUTPUT_* variables:"
                        + " \"details\" (an object: only strings, numbers and booleans become variables),"
                        + " \"tags\" (a list: only strings, numbers and booleans become variables),"
                        + " \"none\" (null).");
    }

    @Test
    void theFirstOfTwoNamesForOneVariableWins() {
        OutputVariables vars = OutputVariables.of(json("{\"host-name\": \"first\", \"HOST_NAME\": \"second\"}"));

        assertThat(vars.variables()).containsOnly(Map.entry("BLINK_OUTPUT_HOST_NAME", "first"));
        assertThat(vars.leftOut())
                .containsExactly("\"HOST_NAME\" (BLINK_OUTPUT_HOST_NAME is already set by \"host-name\")");
    }

    @Test
    void aValueOverTheLengthLimitOrHoldingNulIsLeftOut() {
        JsonObject outputs = new JsonObject();
        outputs.addProperty("fits", "x".repeat(OutputVariables.MAX_VALUE_LENGTH));
        outputs.addProperty("long", "x".repeat(OutputVariables.MAX_VALUE_LENGTH + 1));
        outputs.addProperty("nul", "a\0b");

        OutputVariables vars = OutputVariables.of(outputs);

        assertThat(vars.variables()).containsOnlyKeys("BLINK_OUTPUT_FITS");
        assertThat(vars.leftOut())
                .containsExactly(
                        "\"long\" (longer than 4096 characters)",
                        "\"nul\" (holds a NUL character, which no environment variable can)");
    }

    @Test
    void atMostAHundredVariablesAndTheLogLineStaysShort() {
        JsonObject outputs = new JsonObject();
        for (int i = 0; i < OutputVariables.MAX_VARIABLES + 25; i++) {
            outputs.addProperty("o" + i, i);
        }

        OutputVariables vars = OutputVariables.of(outputs);

        assertThat(vars.variables()).hasSize(OutputVariables.MAX_VARIABLES).containsKey("BLINK_OUTPUT_O99");
        assertThat(vars.variables()).doesNotContainKey("BLINK_OUTPUT_O100");
        assertThat(vars.leftOut()).hasSize(25).first().isEqualTo("\"o100\" (over the limit of 100 variables)");
        assertThat(vars.leftOutLine())
                .contains("\"o119\" (over the limit of 100 variables), and 5 more.")
                .doesNotContain("\"o120\"");
    }

    @Test
    void aNameIsQuotedOnOneLineAndCutInTheLog() {
        OutputVariables vars = OutputVariables.of(json("{\"two\\nlines\": [], \"" + "n".repeat(300) + "\": {}}"));

        assertThat(vars.leftOutLine())
                .doesNotContain("\n")
                .contains("\"two\\nlines\" (a list")
                .contains("\"" + "n".repeat(100) + "\u2026\" (an object");
    }

    @Test
    void nothingLeftOutMeansNoLine() {
        assertThat(OutputVariables.of(json("{\"a\": \"b\"}")).leftOutLine()).isNull();
        assertThat(OutputVariables.of(new JsonObject()).variables()).isEmpty();
    }

    @Test
    void theTableShowsScalarsAsTextAndTheRestAsIndentedJson() {
        assertThat(OutputTable.rows(json("{\"v\": \"<b>x</b>\", \"n\": 3, \"d\": {\"k\": \"<i>\"}, \"z\": null}")))
                .containsExactly(
                        new OutputTable.Row("v", "<b>x</b>", false),
                        new OutputTable.Row("n", "3", false),
                        new OutputTable.Row("d", "{\n  \"k\": \"<i>\"\n}", true),
                        new OutputTable.Row("z", "null", true));
    }

    @Test
    void theTableKeepsWholeOutputsWithinItsLimitAndSaysWhenItCut() {
        JsonObject outputs = new JsonObject();
        outputs.addProperty("small", "s");
        outputs.addProperty("huge", "h".repeat(OutputTable.MAX_CHARS));
        outputs.addProperty("after", "a");

        OutputTable.Kept kept = OutputTable.keep(outputs);

        assertThat(kept.cut()).isTrue();
        assertThat(kept.outputs().keySet()).containsExactly("small", "after");
        OutputTable.Kept all = OutputTable.keep(json("{\"a\": 1, \"b\": [1, 2]}"));
        assertThat(all.cut()).isFalse();
        assertThat(all.outputs()).isEqualTo(json("{\"a\": 1, \"b\": [1, 2]}"));
    }
}
