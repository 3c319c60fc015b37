package io.jenkins.plugins.blinkops.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Blink's answers. Blink documents few shapes exactly, so the readers take what they need,
 * accept the usual variants (a list bare or under {@code results}), and fail with
 * {@link IllegalStateException} when what they need is missing: the transport then quotes the answer.
 */
final class ResponseParsers {
    private static final int SMALL_VALUE_LIMIT = 64 * 1024;

    private ResponseParsers() {}

    /** {@code {"execution_id": "..."}} of an asynchronous start. */
    static String executionId(Reader body) {
        JsonElement json = JsonParser.parseReader(body);
        if (json.isJsonObject()) {
            String id = text(json.getAsJsonObject(), "execution_id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        throw new IllegalStateException("no execution_id in the answer");
    }

    /** A JSON object read with a size limit: the outputs of a synchronous run, or of {@code /outputs}. */
    static Outputs outputs(Reader body, long limit) throws IOException {
        JsonReader reader = new JsonReader(BoundedStringsReader.keepingStringsTo(body, limit));
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new IllegalStateException("the outputs are not a JSON object");
        }
        CappedJson.Capped capped = CappedJson.read(reader, limit);
        return new Outputs(capped.value().getAsJsonObject(), capped.truncated());
    }

    /**
     * An execution. Streamed field by field, so that large step results or inputs cost no memory and
     * large outputs cost no more than the limit.
     */
    static ExecutionStatus execution(Reader body, long outputLimit) throws IOException {
        JsonReader reader =
                new JsonReader(BoundedStringsReader.keepingStringsTo(body, Math.max(outputLimit, SMALL_VALUE_LIMIT)));
        reader.beginObject();
        String id = null, workflowId = null, workflowName = null, state = null, stateUi = null;
        String errorMessage = null, errorCode = null;
        Long startedAt = null, finishedAt = null;
        Outputs outputs = null;
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
                case "outputs" ->
                    outputs = reader.peek() == JsonToken.BEGIN_OBJECT ? outputs(reader, outputLimit) : skip(reader);
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
                outputs == null ? null : outputs.values(),
                outputs != null && outputs.truncated());
    }

    private static Outputs outputs(JsonReader reader, long limit) throws IOException {
        CappedJson.Capped capped = CappedJson.read(reader, limit);
        return new Outputs(capped.value().getAsJsonObject(), capped.truncated());
    }

    private static Outputs skip(JsonReader reader) throws IOException {
        reader.skipValue();
        return null;
    }

    /**
     * The steps of an execution, under {@code results}: their outputs are not needed here and are
     * skipped while streaming, so a step with huge output data costs nothing.
     */
    static List<StepResult> steps(Reader body) throws IOException {
        JsonReader reader = new JsonReader(BoundedStringsReader.keepingStringsTo(body, SMALL_VALUE_LIMIT));
        List<StepResult> steps = new ArrayList<>();
        reader.beginObject();
        while (reader.hasNext()) {
            if (!reader.nextName().equals("results") || reader.peek() != JsonToken.BEGIN_ARRAY) {
                reader.skipValue();
                continue;
            }
            reader.beginArray();
            while (reader.hasNext()) {
                steps.add(step(reader));
            }
            reader.endArray();
        }
        reader.endObject();
        return steps;
    }

    private static StepResult step(JsonReader reader) throws IOException {
        String id = null, state = null, error = null;
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (reader.peek() == JsonToken.NULL) {
                reader.nextNull();
                continue;
            }
            switch (name) {
                case "step_id" -> id = reader.nextString();
                case "state" -> state = reader.nextString();
                case "error_data" -> error = errorMessage(small(reader));
                default -> reader.skipValue();
            }
        }
        reader.endObject();
        return new StepResult(id, ExecutionState.of(state), error);
    }

    /** Blink's error details: an object with {@code message}, or plain text. */
    private static String errorMessage(JsonElement details) {
        if (details.isJsonObject()) {
            return text(details.getAsJsonObject(), "message");
        }
        return details.isJsonPrimitive() ? details.getAsString() : null;
    }

    /** The workspaces the key sees: a list, bare or under {@code results}. */
    static int workspaceCount(Reader body) {
        return list(JsonParser.parseReader(body)).size();
    }

    /** {@code GET /workspaces/{id}}: the workspace's display name, else its name. */
    static String workspaceName(Reader body) {
        JsonElement json = JsonParser.parseReader(body);
        if (!json.isJsonObject()) {
            throw new IllegalStateException("the workspace is not a JSON object");
        }
        String display = text(json.getAsJsonObject(), "display_name");
        return display != null && !display.isBlank() ? display : text(json.getAsJsonObject(), "name");
    }

    static List<WorkflowSummary> workflows(Reader body) {
        List<WorkflowSummary> workflows = new ArrayList<>();
        for (JsonElement e : list(JsonParser.parseReader(body))) {
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

    private static JsonArray list(JsonElement json) {
        if (json.isJsonArray()) {
            return json.getAsJsonArray();
        }
        if (json.isJsonObject()) {
            for (String key : new String[] {"results", "data", "items", "playbooks", "workspaces"}) {
                JsonElement inner = json.getAsJsonObject().get(key);
                if (inner != null && inner.isJsonArray()) {
                    return inner.getAsJsonArray();
                }
            }
        }
        throw new IllegalStateException("expected a list");
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
