package io.jenkins.plugins.blinkops.core.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.jenkins.plugins.blinkops.core.model.ExecutionPage;
import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.model.StepResult;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import io.jenkins.plugins.blinkops.core.outputs.LastStepOutput;
import io.jenkins.plugins.blinkops.core.target.StartNonce;
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
     * Steps kept of one run: room for every failed one up to this, others up to half of it (which
     * is also as many as the log's progress lines show). A run of thousands of steps is still read to
     * its end (for the outputs of the last, and to count the rest), but not kept.
     */
    public static final int MAX_STEPS_KEPT = 400;
    /** Characters kept of one step's error: enough to say why, not a 50 MB dump. */
    public static final int STEP_ERROR_LIMIT = 2000;
    /** The names a page's list is found under: the reference's {@code results}, and tolerated others. */
    private static final List<String> LIST_MEMBERS = List.of("results", "data", "items", "playbooks", "workspaces");

    private ResponseParsers() {}

    /** {@code {"execution_id": "..."}} of an asynchronous start. */
    public static String executionId(Reader body) throws IOException {
        JsonElement json = smallMembers(body, "execution_id");
        String id = text(json.getAsJsonObject(), "execution_id");
        if (id != null && !id.isBlank()) {
            return id;
        }
        throw new IllegalStateException("no execution_id in the answer");
    }

    /**
     * An object's named members, each read within {@value #SMALL_VALUE_LIMIT} characters; all
     * others skipped unread, so an answer of any size costs no more than those members.
     */
    private static JsonObject smallMembers(Reader body, String... names) throws IOException {
        JsonReader reader = reader(body, SMALL_VALUE_LIMIT);
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new IllegalStateException("the answer is not a JSON object");
        }
        JsonObject kept = new JsonObject();
        List<String> wanted = List.of(names);
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (wanted.contains(name) && !kept.has(name)) {
                kept.add(name, small(reader));
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        return kept;
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
        Long startedAt = null, finishedAt = null, updatedAt = null;
        ExecutionSteps stepResults = ExecutionSteps.NONE;
        for (String name; (name = nextNonNullMember(reader)) != null; ) {
            switch (name) {
                case "id" -> id = reader.nextString();
                case "playbook_id" -> workflowId = reader.nextString();
                case "playbook_name" -> workflowName = reader.nextString();
                case "state" -> state = reader.nextString();
                case "state_ui" -> stateUi = reader.nextString();
                case "started_at" -> startedAt = epochMillis(reader);
                case "finished_at" -> finishedAt = epochMillis(reader);
                case "updated_at" -> updatedAt = epochMillis(reader);
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
                stepResults,
                updatedAt);
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

    /**
     * The most characters read of a page of workflows or executions, whose kept parts add up: far
     * above what the reference's shapes need for a full page, so that a runaway page is refused
     * instead of kept. (The other answers keep a few small members and stream past the rest.)
     */
    public static final long TREE_ANSWER_LIMIT = 8L * 1024 * 1024;

    /** For a page of a list: refused past {@link #TREE_ANSWER_LIMIT}. */
    private static JsonReader smallAnswer(Reader body) {
        return reader(new LimitedReader(body, TREE_ANSWER_LIMIT), SMALL_VALUE_LIMIT);
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
        int notKept = 0;
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
                StepResult step = step(reader, key, outputLimit, last);
                if (steps.size() < (step.failed() ? MAX_STEPS_KEPT : MAX_STEPS_KEPT / 2)) {
                    steps.add(step);
                } else {
                    notKept++;
                }
            } else {
                reader.skipValue();
            }
        }
        if (keyed) {
            reader.endObject();
        } else {
            reader.endArray();
        }
        return new ExecutionSteps(steps, last.outputs(), last.stepId(), notKept);
    }

    private static StepResult step(JsonReader reader, String key, long outputLimit, LastStepOutput last)
            throws IOException {
        String id = key, stepName = null, displayName = null, state = null, error = null;
        Long startedAt = null, finishedAt = null;
        CappedJson.Capped output = null;
        reader.beginObject();
        for (String name; (name = nextNonNullMember(reader)) != null; ) {
            switch (name) {
                case "step_id" -> id = reader.nextString();
                case "state" -> state = reader.nextString();
                // neither is documented for a step: the record of a run has both, so either may come
                case "name" -> stepName = smallText(reader);
                case "display_name" -> displayName = smallText(reader);
                case "started_at" -> startedAt = epochMillis(reader);
                case "finished_at" -> finishedAt = epochMillis(reader);
                case "error_data" -> error = cut(errorMessage(small(reader)), STEP_ERROR_LIMIT);
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
            last.offer(id, finishedAt, objectInText(output.value()), output.truncated());
        }
        String shownName = displayName != null && !displayName.isBlank() ? displayName : stepName;
        return new StepResult(id, shownName, ExecutionState.of(state), error, startedAt, finishedAt);
    }

    /**
     * The name of the object's next member whose value is not {@code null}, or {@code null} at the
     * object's end: Blink sends {@code null} for what a run does not have yet, which counts as absent.
     */
    private static String nextNonNullMember(JsonReader reader) throws IOException {
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (reader.peek() != JsonToken.NULL) {
                return name;
            }
            reader.nextNull();
        }
        return null;
    }

    /** A member that should be a short text: anything else (an object, a list) counts as absent. */
    private static String smallText(JsonReader reader) throws IOException {
        JsonElement e = small(reader);
        return e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /**
     * The object a step's output holds as JSON text (the old spec types {@code output_data} as a
     * string), so that both forms give the same outputs; any other value as it is. The text was
     * read within the output limit, so parsing it costs no more than the object form would.
     */
    private static JsonElement objectInText(JsonElement output) {
        if (output.isJsonPrimitive()
                && output.getAsJsonPrimitive().isString()
                && output.getAsString().strip().startsWith("{")) {
            try {
                JsonElement parsed = JsonParser.parseString(output.getAsString());
                if (parsed.isJsonObject()) {
                    return parsed;
                }
            } catch (JsonParseException notJson) {
                // text that only looks like JSON (or was cut): it is the one output, as text
            }
        }
        return output;
    }

    private static String cut(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit) + "…";
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
    public static int workspaceCount(Reader body) throws IOException {
        // counted as it streams by: the workspaces themselves are never kept
        JsonReader reader = reader(body, SMALL_VALUE_LIMIT);
        if (reader.peek() == JsonToken.BEGIN_ARRAY) {
            return countElements(reader);
        }
        int members = 0;
        Integer listed = null;
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            members++;
            if (listed == null && LIST_MEMBERS.contains(name) && reader.peek() == JsonToken.BEGIN_ARRAY) {
                listed = countElements(reader);
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        return listed != null ? listed : members;
    }

    private static int countElements(JsonReader reader) throws IOException {
        int count = 0;
        reader.beginArray();
        while (reader.hasNext()) {
            reader.skipValue();
            count++;
        }
        reader.endArray();
        return count;
    }

    /** {@code GET /workspaces/{id}}: the workspace's display name, else its name. */
    public static String workspaceName(Reader body) throws IOException {
        JsonObject json = smallMembers(body, "display_name", "name");
        String display = text(json, "display_name");
        return display != null && !display.isBlank() ? display : text(json, "name");
    }

    /**
     * A page of executions ("List playbook executions with filtering"). Each run's {@code event},
     * when listed, is read within {@value #SMALL_VALUE_LIMIT} characters and only for its nonce.
     */
    public static ExecutionPage executionPage(Reader body) throws IOException {
        Page<ExecutionPage.Listed> page = page(smallAnswer(body), List.of("results"), ResponseParsers::listedExecution);
        return new ExecutionPage(page.elements() == null ? List.of() : page.elements(), page.total());
    }

    private static ExecutionPage.Listed listedExecution(JsonReader reader) throws IOException {
        String id = null, workflowId = null, nonce = null, state = null, stateUi = null;
        Long createdAt = null, updatedAt = null;
        boolean hasEvent = false;
        reader.beginObject();
        for (String name; (name = nextNonNullMember(reader)) != null; ) {
            switch (name) {
                case "id" -> id = reader.nextString();
                case "playbook_id" -> workflowId = reader.nextString();
                case "created_at" -> createdAt = epochMillis(reader);
                case "updated_at" -> updatedAt = epochMillis(reader);
                case "state" -> state = reader.nextString();
                case "state_ui" -> stateUi = reader.nextString();
                case "event" -> {
                    hasEvent = true;
                    nonce = StartNonce.of(small(reader));
                }
                default -> reader.skipValue();
            }
        }
        reader.endObject();
        if (id == null) {
            throw new IllegalStateException("a listed execution has no id");
        }
        String shown = stateUi != null && !stateUi.isBlank() ? stateUi : state;
        return new ExecutionPage.Listed(id, workflowId, createdAt, hasEvent, nonce, shown, updatedAt);
    }

    /** The nonce in an execution record's {@code event} ({@code event.jenkins.nonce}), or {@code null}. */
    public static String startNonce(Reader body) throws IOException {
        JsonReader reader = reader(body, SMALL_VALUE_LIMIT);
        String nonce = null;
        reader.beginObject();
        while (reader.hasNext()) {
            if (reader.nextName().equals("event")) {
                nonce = StartNonce.of(small(reader));
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        return nonce;
    }

    /**
     * One page of workflows. Read with every string kept to {@value #SMALL_VALUE_LIMIT} characters
     * and each workflow's members but the three used skipped, so a page costs its ids and names only.
     *
     * @return the workflows and the {@code total} Blink gave ({@code -1} when none)
     */
    public static WorkflowPage workflowPage(Reader body) throws IOException {
        JsonReader reader = smallAnswer(body);
        if (reader.peek() == JsonToken.BEGIN_ARRAY) {
            List<WorkflowSummary> bare = objects(reader, ResponseParsers::workflowSummary);
            return new WorkflowPage(bare, bare.size());
        }
        Page<WorkflowSummary> page = page(reader, LIST_MEMBERS, ResponseParsers::workflowSummary);
        if (page.elements() == null) {
            throw new IllegalStateException("expected a list");
        }
        return new WorkflowPage(page.elements(), page.total());
    }

    /** One page of workflows, and how many Blink says there are in all ({@code -1}: not said). */
    public record WorkflowPage(List<WorkflowSummary> workflows, int total) {}

    /** A workflow of a page; one without an id is left out ({@code null}). */
    private static WorkflowSummary workflowSummary(JsonReader reader) throws IOException {
        String id = null, name = null;
        boolean active = true;
        reader.beginObject();
        while (reader.hasNext()) {
            String member = reader.nextName();
            JsonToken token = reader.peek();
            if (member.equals("id") && token == JsonToken.STRING) {
                id = reader.nextString();
            } else if (member.equals("name") && token == JsonToken.STRING) {
                name = reader.nextString();
            } else if (member.equals("active") && token == JsonToken.BOOLEAN) {
                active = reader.nextBoolean();
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        return id == null ? null : new WorkflowSummary(id, name == null ? id : name, active);
    }

    /** Reads one listed object, the reader standing on it; {@code null} leaves it out of the page. */
    @FunctionalInterface
    private interface ElementReader<T> {
        T read(JsonReader reader) throws IOException;
    }

    /**
     * One page of a listing, as every listing of Blink's answers it: the elements and Blink's
     * {@code total} ({@code -1}: not said).
     *
     * @param elements {@code null} when no member held a list
     */
    private record Page<T>(List<T> elements, int total) {}

    /**
     * Reads a page: the list under the first of {@code listMembers} that holds one, each of its
     * objects read by {@code element}, and {@code total}; every other member is skipped.
     */
    private static <T> Page<T> page(JsonReader reader, List<String> listMembers, ElementReader<T> element)
            throws IOException {
        List<T> elements = null;
        int total = -1;
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (elements == null && listMembers.contains(name) && reader.peek() == JsonToken.BEGIN_ARRAY) {
                elements = objects(reader, element);
            } else if (name.equals("total") && reader.peek() == JsonToken.NUMBER) {
                total = reader.nextInt();
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        return new Page<>(elements, total);
    }

    /** The objects of a list, each read by {@code element}; anything else in the list is skipped. */
    private static <T> List<T> objects(JsonReader reader, ElementReader<T> element) throws IOException {
        List<T> objects = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                reader.skipValue();
                continue;
            }
            T read = element.read(reader);
            if (read != null) {
                objects.add(read);
            }
        }
        reader.endArray();
        return objects;
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
