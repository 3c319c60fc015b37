package io.jenkins.plugins.blinkops.core.outputs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jenkins.plugins.blinkops.core.model.Outputs;

/**
 * The rule that turns the steps of a followed run into its outputs. Blink's reference documents no
 * outputs for an execution record, only its steps' results ({@code step_results} on the record,
 * {@code output_data} of each step in {@code GET .../steps}, which is where Blink's own client reads
 * a step's output). A synchronous run answers with one output object, the run's result; the same
 * is taken here from the steps: <b>the output of the step that finished last</b>, so that a
 * workflow ending in the step that builds its result gives the same outputs both ways. A step's
 * output is its {@code output_data}, or {@code output} (the name Blink's workflow expressions use,
 * {@code {{ steps.S1.output }}}), in {@code step_results} or {@code /steps} alike.
 *
 * <ul>
 *   <li>Steps with no output (absent, {@code null}, or an empty object, list or text) are passed over.
 *   <li>"Last" is the greatest {@code finished_at}; a step without one, or a tie, goes by the order
 *       Blink listed the steps in (the later wins).
 *   <li>An output that is a JSON object gives the outputs its members ({@code r.outputs.verdict});
 *       any other value (text, number, list) is the one output {@value #SINGLE_OUTPUT}.
 * </ul>
 *
 * Fed one step at a time while an answer is streamed; only the current winner's output is kept.
 */
public final class LastStepOutput {
    /** The name of a step output that is not a JSON object. */
    static final String SINGLE_OUTPUT = "output";

    private String stepId;
    private Long finishedAt;
    private JsonElement output;
    private boolean truncated;

    /** Considers one step, in the order Blink listed them. */
    public void offer(String stepId, Long finishedAt, JsonElement output, boolean truncated) {
        if (isEmpty(output)) {
            return;
        }
        boolean later = this.output == null
                || finishedAt == null && this.finishedAt == null
                || finishedAt != null && (this.finishedAt == null || finishedAt >= this.finishedAt);
        if (later) {
            this.stepId = stepId;
            this.finishedAt = finishedAt;
            this.output = output;
            this.truncated = truncated;
        }
    }

    /** The step whose output was taken, or {@code null} when no step had one. */
    public String stepId() {
        return stepId;
    }

    public Outputs outputs() {
        if (output == null) {
            return Outputs.NONE;
        }
        if (output.isJsonObject()) {
            return new Outputs(output.getAsJsonObject(), truncated);
        }
        JsonObject single = new JsonObject();
        single.add(SINGLE_OUTPUT, output);
        return new Outputs(single, truncated);
    }

    private static boolean isEmpty(JsonElement output) {
        if (output == null || output.isJsonNull()) {
            return true;
        }
        if (output.isJsonObject()) {
            return output.getAsJsonObject().isEmpty();
        }
        if (output.isJsonArray()) {
            return output.getAsJsonArray().isEmpty();
        }
        return output.getAsJsonPrimitive().isString() && output.getAsString().isEmpty();
    }
}
