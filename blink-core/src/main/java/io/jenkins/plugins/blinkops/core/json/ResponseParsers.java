package io.jenkins.plugins.blinkops.core.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.model.StepResult;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import io.jenkins.plugins.blinkops.core.outputs.LastStepOutput;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Blink's answers, in the shapes of Blink's API reference (the fixtures under
 * {@code src/test/resources/blink-api} copy them, page by page). The readers take what they need,
 * accept the usual variants (a list bare or under {@code results}), and fail with
 * {@link IllegalStateException} when what they need is missing: the transport then quotes the answer.
 */
public final class ResponseParsers {
    private static final int SMALL_VALUE_LIMIT = 64 * 1024;

    /**
     * The most characters read of an answer that is read whole (a start, a workspace, the
     * workspaces, a list of workflows): far above what the reference's shapes need for the most the
     * engine asks for ({@code BlinkClient.MAX_LISTED_WORKFLOWS} workflows), so that a runaway answer
     * is refused instead of held.
     */
    public static final long TREE_ANSWER_LIMIT = 8L * 1024 * 1024;

    private ResponseParsers() {}

    /** {@code {"execution_id": "..."}} of an asynchronous start. */
    public static String executionId(Reader body) {
        JsonElement json = tree(body);
        if (json.isJsonObject()) {
            String id = text(json.getAsJsonObject(), "execution_id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        throw new IllegalStateException("no execution_id in the answer");
    }

    /** A JSON object read with a size limit: the outputs of a synchronous run. */
    public static Outputs outputs(Reader body, long limit) throws IOException {
        JsonReader reader = new JsonReader(BoundedStringsReader.keepingStringsTo(body, limit));
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new IllegalStateException("the outputs are not a JSON object");
        }
        CappedJson.Capped capped = CappedJson.read(reader, limit);
        return new Outputs(capped.value().getAsJsonObject(), capped.truncated());
    }

    /**
     * An execution ("Get a playbook execution by its ID"). Streamed field by field, so that large
     * inputs cost no memory and large step outputs no more than the limit.
     */
    public static ExecutionStatus execution(Reader body, long outputLimit) throws IOException {
        JsonReader reader = reader(body, outputLimit);
        reader.beginObject();
        String id = null, workflowId = null, workflowName = null, state = null, stateUi = null;
        String errorMessage = null, errorCode = null;
        Long startedAt = null, finishedAt = null;
        ExecutionSteps stepResults = ExecutionSteps.NONE;
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (reader.peek() == JsonToken.NULL) {
                reader.nextNull();
                continue;
            }
            switch (name) {
                case "id" -> id = reader.nextString();
                case "playbook_id" -> workflowId = reader.nextString();
                case "playbook_name" -> workflowName = reader.nextString();
                case "state" -> state = reader.nextString();
                case "state_ui" -> stateUi = reader.nextString();
                case "started_at" -> startedAt = epochMillis(reader);
                case "finished_at" -> finishedAt = epochMillis(reader);
                case "error_details" -> {
                    JsonElement details = small(reader);
                    errorMessage = errorMessage(details);
                    errorCode = details.isJsonObject() ? text(details.getAsJsonObject(), "error_code") : null;
                }
                case "step_results" -> stepResults = stepCollection(reader, outputLimit);
                default -> reader.skipValue();
            }
        }
        reader.endObject();
        // Blink's own client shows state_ui and falls back to state
        String shown = stateUi != null && !stateUi.isBlank() ? stateUi : state;
        if (shown == null) {
            throw new IllegalStateException("the execution has no state");
        }
        return new ExecutionStatus(
                id,
                workflowId,
                workflowName,
                ExecutionState.of(shown),
                errorMessage,
                errorCode,
                startedAt,
                finishedAt,
                stepResults);
    }

    /**
     * The steps of an execution ({@code GET .../steps}), under {@code results}, with the run's
     * outputs taken from their {@code output_data} (see {@link LastStepOutput}).
     */
    public static ExecutionSteps steps(Reader body, long outputLimit) throws IOException {
        JsonReader reader = reader(body, outputLimit);
        ExecutionSteps steps = ExecutionSteps.NONE;
        reader.beginObject();
        while (reader.hasNext()) {
            if (reader.nextName().equals("results") && reader.peek() == JsonToken.BEGIN_ARRAY) {
                steps = stepCollection(reader, outputLimit);
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        return steps;
    }

    private static JsonReader reader(Reader body, long outputLimit) {
        return new JsonReader(BoundedStringsReader.keepingStringsTo(body, Math.max(outputLimit, SMALL_VALUE_LIMIT)));
    }

    /**
     * Steps listed the way {@code /steps} lists them, or the way the record's {@code step_results}
     * may hold them (the reference only says it is an object): keyed by step id, or a list. Values
     * that are not step objects are skipped: nothing is guessed from them.
     */
    private static ExecutionSteps stepCollection(JsonReader reader, long outputLimit) throws IOException {
        List<StepResult> steps = new ArrayList<>();
        LastStepOutput last = new LastStepOutput();
        boolean keyed = reader.peek() == JsonToken.BEGIN_OBJECT;
        if (!keyed && reader.peek() != JsonToken.BEGIN_ARRAY) {
            reader.skipValue();
            return ExecutionSteps.NONE;
        }
        if (keyed) {
            reader.beginObject();
        } else {
            reader.beginArray();
        }
        while (reader.hasNext()) {
            String key = keyed ? reader.nextName() : null;
            if (reader.peek() == JsonToken.BEGIN_OBJECT) {
                steps.add(step(reader, key, outputLimit, last));
            } else {
                reader.skipValue();
            }
        }
        if (keyed) {
            reader.endObject();
        } else {
            reader.endArray();
        }
        return new ExecutionSteps(steps, last.outputs(), last.stepId());
    }

    private static StepResult step(JsonReader reader, String key, long outputLimit, LastStepOutput last)
            throws IOException {
        String id = key, stepName = null, displayName = null, state = null, error = null;
        Long startedAt = null, finishedAt = null;
        CappedJson.Capped output = null;
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (reader.peek() == JsonToken.NULL) {
                reader.nextNull();
                continue;
            }
            switch (name) {
                case "step_id" -> id = reader.nextString();
                // neither is documented for a step: the record of a run has both, so either may come
                case "name" -> stepName = smallText(reader);
                case "display_name" -> displayName = smallText(reader);
                case "state" -> state = reader.nextString();
                case "started_at" -> startedAt = epochMillis(reader);
                case "finished_at" -> finishedAt = epochMillis(reader);
                case "error_data" -> error = errorMessage(small(reader));
                // output_data in /steps, as Blink's own client reads it; output as Blink's
                // workflow expressions name a step's result ({{ steps.S1.output }})
                case "output_data", "output" -> {
                    if (output == null) {
                        output = CappedJson.read(reader, outputLimit);
                    } else {
                        reader.skipValue();
                    }
                }
                default -> reader.skipValue();
            }
        }
        reader.endObject();
        if (output != null) {
            last.offer(id, finishedAt, output.value(), output.truncated());
        }
        String shownName = displayName != null && !displayName.isBlank() ? displayName : stepName;
        return new StepResult(id, shownName, ExecutionState.of(state), error, startedAt, finishedAt);
    }

    /** Blink's error details: an object with {@code message}, or plain text. */
    private static String errorMessage(JsonElement details) {
        if (details.isJsonObject()) {
            return text(details.getAsJsonObject(), "message");
        }
        return details.isJsonPrimitive() ? details.getAsString() : null;
    }

    /**
     * The workspaces the key sees ("List user workspaces"): a map of them, per the reference, so
     * its member count; a list (bare or under {@code results}) is counted too.
     */
    public static int workspaceCount(Reader body) {
        JsonElement json = tree(body);
        if (json.isJsonObject() && listIn(json.getAsJsonObject()) == null) {
            return json.getAsJsonObject().size();
        }
        return list(json).size();
    }

    /** {@code GET /workspaces/{id}}: the workspace's display name, else its name. */
    public static String workspaceName(Reader body) {
        JsonElement json = tree(body);
        if (!json.isJsonObject()) {
            throw new IllegalStateException("the workspace is not a JSON object");
        }
        String display = text(json.getAsJsonObject(), "display_name");
        return display != null && !display.isBlank() ? display : text(json.getAsJsonObject(), "name");
    }

    public static List<WorkflowSummary> workflows(Reader body) {
        List<WorkflowSummary> workflows = new ArrayList<>();
        for (JsonElement e : list(tree(body))) {
            if (!e.isJsonObject()) {
                continue;
            }
            JsonObject o = e.getAsJsonObject();
            String id = text(o, "id");
            if (id == null) {
                continue;
            }
            String name = text(o, "name");
            JsonElement active = o.get("active");
            boolean isActive = active == null || !active.isJsonPrimitive() || active.getAsBoolean();
            workflows.add(new WorkflowSummary(id, name == null ? id : name, isActive));
        }
        return workflows;
    }

    /** An answer read whole, within {@link #TREE_ANSWER_LIMIT}. */
    private static JsonElement tree(Reader body) {
        return JsonParser.parseReader(new LimitedReader(body, TREE_ANSWER_LIMIT));
    }

    private static JsonArray list(JsonElement json) {
        if (json.isJsonArray()) {
            return json.getAsJsonArray();
        }
        JsonArray inner = json.isJsonObject() ? listIn(json.getAsJsonObject()) : null;
        if (inner == null) {
            throw new IllegalStateException("expected a list");
        }
        return inner;
    }

    /** A page's list: the reference's lists are under {@code results}; the other names are tolerated. */
    private static JsonArray listIn(JsonObject page) {
        for (String key : new String[] {"results", "data", "items", "playbooks", "workspaces"}) {
            JsonElement inner = page.get(key);
            if (inner != null && inner.isJsonArray()) {
                return inner.getAsJsonArray();
            }
        }
        return null;
    }

    /** A member that should be a short text: anything else (an object, a list) counts as absent. */
    private static String smallText(JsonReader reader) throws IOException {
        JsonElement e = small(reader);
        return e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static JsonElement small(JsonReader reader) throws IOException {
        return CappedJson.read(reader, SMALL_VALUE_LIMIT).value();
    }

    /** Epoch milliseconds, as a number or a numeric string; anything else is ignored. */
    private static Long epochMillis(JsonReader reader) throws IOException {
        JsonElement e = small(reader);
        if (!e.isJsonPrimitive()) {
            return null;
        }
        try {
            return e.getAsJsonPrimitive().getAsBigDecimal().longValue();
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }
}
