package io.jenkins.plugins.blinkops.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.model.Outputs;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** A step's {@code output_data} given as the JSON text of an object is the same outputs as the object. */
class OutputDataAsTextTest {
    private static final String AS_OBJECT = "{\"verdict\":\"contained\",\"hosts\":[\"a\",\"b\"],\"n\":3}";
    private static final String AS_TEXT = new com.google.gson.JsonPrimitive(AS_OBJECT).toString();

    private static String step(String output) {
        return "{\"step_id\":\"s1\",\"state\":\"Completed\",\"finished_at\":1,\"output_data\":" + output + "}";
    }

    private static Outputs fromSteps(String output) throws Exception {
        return ResponseParsers.steps(new StringReader("{\"results\":[" + step(output) + "]}"), 10_000)
                .outputs();
    }

    private static Outputs fromRecord(String output) throws Exception {
        String record = "{\"id\":\"e1\",\"state\":\"Completed\",\"step_results\":{\"s1\":" + step(output) + "}}";
        return ResponseParsers.execution(new StringReader(record), 10_000)
                .stepResults()
                .outputs();
    }

    @Test
    void inTheStepsList() throws Exception {
        assertThat(fromSteps(AS_TEXT).values()).isEqualTo(fromSteps(AS_OBJECT).values());
        assertThat(fromSteps(AS_TEXT).values().get("n").getAsInt()).isEqualTo(3);
    }

    @Test
    void inTheRecordsStepResults() throws Exception {
        assertThat(fromRecord(AS_TEXT).values()).isEqualTo(fromRecord(AS_OBJECT).values());
        assertThat(fromRecord(AS_TEXT).values().get("verdict").getAsString()).isEqualTo("contained");
    }

    @Test
    void textThatIsNoObjectStaysTheOneOutput() throws Exception {
        assertThat(fromSteps("\"{not json\"").values().get("output").getAsString())
                .isEqualTo("{not json");
        assertThat(fromSteps("\"plain\"").values().get("output").getAsString()).isEqualTo("plain");
    }
}
