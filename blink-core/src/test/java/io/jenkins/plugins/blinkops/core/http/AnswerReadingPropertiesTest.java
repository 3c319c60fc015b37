package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.jenkins.plugins.blinkops.core.fake.ReferenceFixture;
import io.jenkins.plugins.blinkops.core.json.RecordingInputStream;
import io.jenkins.plugins.blinkops.core.json.ResponseParsers;
import io.jenkins.plugins.blinkops.core.json.ResponseReader;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.model.StepResult;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.Operation;
import io.jenkins.plugins.blinkops.core.target.Target;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Every reader of a Blink answer, fed generated variants of the reference fixtures, through the
 * transport's own reading ({@link Answers#read}): the right value, or a {@link BlinkApiException}
 * that says the answer was not the JSON expected, why, and quotes a bounded head of it; never
 * another exception; never more kept than the readers' caps.
 */
class AnswerReadingPropertiesTest {
    /** A small output limit, so that the generated huge values cross it. */
    static final long OUTPUT_LIMIT = 10_000;
    /** The longest string a streaming reader may keep: {@code BoundedStringsReader}'s cut for its limit. */
    static final long STREAMED_TEXT_CAP = 6 * (Math.max(OUTPUT_LIMIT, 64 * 1024) + 1);
    /** The message's own words, around the quoted head (at most 200 bytes) and the reason. */
    static final int MESSAGE_CAP = 1_000;

    private static final ApiKey KEY = ApiKey.of("test-api-key");

    /** A reader, the fixture of the answer it reads, and how to measure what it returns. */
    enum Reader {
        START("execute-async", Operation.EXECUTE, ResponseParsers::executionId),
        SYNC_OUTPUTS("execute-sync", Operation.EXECUTE, body -> ResponseParsers.outputs(body, OUTPUT_LIMIT)),
        EXECUTION("execution", Operation.GET_EXECUTION, body -> ResponseParsers.execution(body, OUTPUT_LIMIT)),
        STEPS("steps", Operation.GET_STEPS, body -> ResponseParsers.steps(body, OUTPUT_LIMIT)),
        WORKFLOWS(
                "playbooks",
                Operation.LIST_WORKFLOWS,
                body -> ResponseParsers.workflowPage(body).workflows()),
        WORKSPACES("user-workspaces", Operation.CHECK_KEY, ResponseParsers::workspaceCount),
        WORKSPACE("workspace", Operation.GET_WORKSPACE, ResponseParsers::workspaceName);

        final String fixture;
        final Operation operation;
        final ResponseReader<?> read;

        Reader(String fixture, Operation operation, ResponseReader<?> read) {
            this.fixture = fixture;
            this.operation = operation;
            this.read = read;
        }

        JsonElement reference() {
            return ReferenceFixture.load(fixture).body();
        }

        /** Whether the answer's members are data (a map keyed by id, a workflow's own outputs). */
        boolean membersAreData() {
            ReferenceFixture f = ReferenceFixture.load(fixture);
            return f.map() || f.freeForm();
        }

        /** The members whose values are whatever a step's action gave: data too. */
        Set<String> dataMembers() {
            return ReferenceFixture.load(fixture).anyValue();
        }
    }

    /** What came back: a value, or the exception. */
    record Outcome(Object value, BlinkApiException error) {}

    static Outcome read(Reader reader, byte[] body) {
        RecordingInputStream in = new RecordingInputStream(new ByteArrayInputStream(body));
        ApiCall call = ApiCall.get(reader.operation, Target.execution("ws-1", "ex-1"), "/x");
        try {
            return new Outcome(Answers.read(200, in, in::head, call, reader.read, KEY), null);
        } catch (BlinkApiException e) {
            return new Outcome(null, e);
        } catch (Exception e) {
            throw new AssertionError("a stray " + e.getClass().getName() + " for " + reader, e);
        }
    }

    @Property
    void everyVariantEndsInAValueOrAClearBoundedError(@ForAll("variants") Variant variant) {
        Outcome outcome = read(variant.reader(), variant.body());
        if (outcome.error() != null) {
            assertClear(outcome.error());
        } else {
            assertWithinCaps(variant.reader(), outcome.value());
        }
        if (variant.keepsTheReference()) {
            assertThat(outcome.error())
                    .as("an answer of the reference's shape is read")
                    .isNull();
            Object expected =
                    read(variant.reader(), bytes(variant.reader().reference())).value();
            assertThat(outcome.value()).isEqualTo(expected);
        }
    }

    /**
     * An error answer, whatever its body: the status and at most a bounded quote of what Blink said,
     * never the key, never another exception.
     */
    @Property
    void everyErrorBodyEndsInABoundedMessage(@ForAll("errorStatuses") int status, @ForAll("errorBodies") byte[] body) {
        String text = new String(body, 0, Math.min(body.length, Answers.ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        ApiCall call = ApiCall.get(Operation.GET_EXECUTION, Target.execution("ws-1", "ex-1"), "/x");
        BlinkApiException e = Answers.error(status, text, null, null, call, KEY);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).contains(Integer.toString(status)).hasSizeLessThanOrEqualTo(MESSAGE_CAP);
        assertThat(e.getMessage()).doesNotContain(KEY.value());
    }

    @Provide
    Arbitrary<Integer> errorStatuses() {
        return Arbitraries.of(301, 302, 400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 502, 503, 504);
    }

    @Provide
    Arbitrary<byte[]> errorBodies() {
        Arbitrary<JsonElement> messages = Arbitraries.oneOf(
                values(),
                Arbitraries.strings().ofMaxLength(100).map(t -> new JsonPrimitive(t + " " + KEY.value())),
                Arbitraries.just(new JsonPrimitive("m".repeat(Answers.ERROR_BODY_LIMIT - 100))));
        Arbitrary<byte[]> json = Combinators.combine(
                        Arbitraries.of("message", "error", "detail", "details", "status", "data"), messages)
                .as((name, message) -> {
                    JsonObject o = new JsonObject();
                    o.add(name, message);
                    return bytes(o);
                });
        Arbitrary<byte[]> text = Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(500),
                        Arbitraries.just("<html><body>" + "Bad gateway. ".repeat(10_000) + "</body></html>"))
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> junk = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.oneOf(json, text, junk);
    }

    static void assertClear(BlinkApiException e) {
        assertThat(e.reason()).isEqualTo(BlinkApiException.Reason.INVALID_ANSWER);
        // what was wrong, in parentheses, then the head of the body
        assertThat(e.getMessage()).containsPattern("not the JSON expected \\([^)]+.*\\): it was ");
        assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(MESSAGE_CAP);
        assertThat(e.getMessage()).doesNotContain(KEY.value());
    }

    /** The value read keeps no more than the caps the readers declare. */
    static void assertWithinCaps(Reader reader, Object value) {
        if (value instanceof String id) {
            // the start's execution id or the workspace's name, streamed past everything else
            assertThat((long) id.length()).isLessThanOrEqualTo(STREAMED_TEXT_CAP);
        } else if (value instanceof Outputs outputs) {
            assertOutputsCapped(outputs);
        } else if (value instanceof ExecutionStatus s) {
            for (String text :
                    Arrays.asList(s.executionId(), s.workflowId(), s.workflowName(), s.errorMessage(), s.errorCode())) {
                assertThat(text == null ? 0L : (long) text.length()).isLessThanOrEqualTo(STREAMED_TEXT_CAP);
            }
            assertThat((long) s.state().name().length()).isLessThanOrEqualTo(STREAMED_TEXT_CAP);
            assertStepsCapped(s.stepResults());
        } else if (value instanceof ExecutionSteps steps) {
            assertStepsCapped(steps);
        } else if (value instanceof List<?> workflows) {
            long chars = 0;
            for (Object o : workflows) {
                WorkflowSummary w = (WorkflowSummary) o;
                chars += w.id().length() + w.name().length();
            }
            assertThat(chars).isLessThanOrEqualTo(ResponseParsers.TREE_ANSWER_LIMIT);
        } else if (value == null) {
            assertThat(reader).as("only a workspace may have no name").isEqualTo(Reader.WORKSPACE);
        } else if (value instanceof Integer count) {
            assertThat((long) count).isLessThanOrEqualTo(ResponseParsers.TREE_ANSWER_LIMIT);
        } else {
            throw new AssertionError("unexpected value " + value + " from " + reader);
        }
    }

    private static void assertStepsCapped(ExecutionSteps steps) {
        assertOutputsCapped(steps.outputs());
        for (StepResult step : steps.steps()) {
            assertThat(step.stepId() == null ? 0L : (long) step.stepId().length())
                    .isLessThanOrEqualTo(STREAMED_TEXT_CAP);
        }
    }

    /**
     * The limit, plus the name under which a step's output that is not an object is kept
     * ({@code {"output": ...}}, LastStepOutput's single output).
     */
    private static void assertOutputsCapped(Outputs outputs) {
        assertThat(textIn(outputs.values())).isLessThanOrEqualTo(OUTPUT_LIMIT + "output".length());
    }

    /** The characters of the names and strings a JSON value holds. */
    static long textIn(JsonElement e) {
        if (e.isJsonObject()) {
            long n = 0;
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                n += m.getKey().length() + textIn(m.getValue());
            }
            return n;
        }
        if (e.isJsonArray()) {
            long n = 0;
            for (JsonElement item : e.getAsJsonArray()) {
                n += textIn(item);
            }
            return n;
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
                ? e.getAsString().length()
                : 0;
    }

    // ---- the generated answers ----

    /**
     * One generated answer.
     *
     * @param keepsTheReference whether it still has the reference's shape (only members added), so
     *     that the reader must read the same value as from the fixture itself
     */
    record Variant(Reader reader, String change, byte[] body, boolean keepsTheReference) {
        @Override
        public String toString() {
            String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return reader + " / " + change + " (" + body.length + " bytes): " + text;
        }
    }

    @Provide
    Arbitrary<Variant> variants() {
        return Arbitraries.of(Reader.class).flatMap(AnswerReadingPropertiesTest::variantsOf);
    }

    static Arbitrary<Variant> variantsOf(Reader reader) {
        JsonElement reference = reader.reference();
        int places = places(reference).size();
        Arbitrary<Integer> place = Arbitraries.integers().between(0, Math.max(0, places - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(variant(reader, "as the reference", reference, true))),
                Tuple.of(10, Combinators.combine(place, values()).as((p, v) -> {
                    JsonElement body = withPlaceChanged(reference, p, Change.REPLACE, v);
                    return variant(reader, "a member set to " + brief(v), body, false);
                })),
                Tuple.of(
                        6,
                        place.map(p -> variant(
                                reader,
                                "a member removed",
                                withPlaceChanged(reference, p, Change.REMOVE, null),
                                false))),
                Tuple.of(6, Combinators.combine(place, names(), values()).as((p, name, v) -> {
                    JsonElement body = withMemberAdded(reference, reader.dataMembers(), p, name, v);
                    return variant(reader, "a member '" + name + "' added", body, isExtra(reader, name, v));
                })),
                Tuple.of(2, replacedBy(reader, reference, place, "a member of megabytes", HUGE)),
                Tuple.of(2, replacedBy(reader, reference, place, "a list of 100,000", HUNDRED_THOUSAND)),
                Tuple.of(4, cuts(reader, reference)),
                Tuple.of(3, invalidUtf8(reader, reference)),
                Tuple.of(3, notJson(reader)));
    }

    private static Arbitrary<Variant> replacedBy(
            Reader reader, JsonElement reference, Arbitrary<Integer> place, String change, JsonElement value) {
        return place.map(p -> variant(reader, change, withPlaceChanged(reference, p, Change.REPLACE, value), false));
    }

    private static Arbitrary<Variant> cuts(Reader reader, JsonElement reference) {
        byte[] whole = bytes(reference);
        return Arbitraries.integers()
                .between(0, whole.length - 1)
                .map(at -> new Variant(reader, "cut at byte " + at, Arrays.copyOf(whole, at), false));
    }

    private static Arbitrary<Variant> invalidUtf8(Reader reader, JsonElement reference) {
        byte[] whole = bytes(reference);
        Arbitrary<byte[]> junk = Arbitraries.bytes()
                .between((byte) 0x80, (byte) 0xFF)
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(4);
        return Combinators.combine(Arbitraries.integers().between(0, whole.length), junk)
                .as((at, bad) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(whole, 0, at);
                    out.writeBytes(bad);
                    out.write(whole, at, whole.length - at);
                    return new Variant(reader, "invalid UTF-8 at byte " + at, out.toByteArray(), false);
                });
    }

    private static Arbitrary<Variant> notJson(Reader reader) {
        Arbitrary<String> texts = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of(
                        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
                        "<!DOCTYPE html><html><body>" + "Service unavailable. ".repeat(500) + "</body></html>",
                        "",
                        "   ",
                        "null",
                        "[]",
                        "\"text\"",
                        "42",
                        "{}",
                        "{\"a\":1}{\"b\":2}",
                        "[".repeat(10_000) + "]".repeat(10_000),
                        "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                        "{\"started_at\": 1e999999999, \"state\": \"Completed\", \"execution_id\": \"e\"}",
                        "{\"results\":[{\"step_id\":\"S\",\"finished_at\":-1e999999999,\"output_data\":{}}]}"));
        return texts.map(t -> new Variant(reader, "not the answer at all", t.getBytes(StandardCharsets.UTF_8), false));
    }

    /** A string longer than any reader keeps: past the limit of the answers read whole. */
    private static final JsonPrimitive HUGE =
            new JsonPrimitive("x".repeat((int) ResponseParsers.TREE_ANSWER_LIMIT + 1));

    /** Values of every JSON type, including ones no reader expects where it meets them. */
    static Arbitrary<JsonElement> values() {
        return Arbitraries.oneOf(
                Arbitraries.just(JsonNull.INSTANCE),
                Arbitraries.of(true, false).map(JsonPrimitive::new),
                Arbitraries.of("0", "-1", "1.5", "1e999999999", "-1e-999999999", "9223372036854775808", "1E+400")
                        .map(n -> new JsonPrimitive(new java.math.BigDecimal(n))),
                Arbitraries.strings().ofMaxLength(30).map(JsonPrimitive::new),
                Arbitraries.just(new JsonArray()),
                Arbitraries.just(new JsonObject()),
                Arbitraries.of("[1,\"a\",null]", "{\"message\":{\"nested\":true}}", "[[[]]]")
                        .map(JsonParser::parseString),
                Arbitraries.just(DEEP));
    }

    /**
     * Whether an added member leaves the answer as the reference shapes it: a name no reader reads,
     * and not a new member of a map (the workspaces, a record's steps keyed by id), whose members
     * are data. A value nested deeper than Gson's limit (255) is refused wherever it is: that limit
     * is what keeps every reader's recursion bounded.
     */
    private static boolean isExtra(Reader reader, String name, JsonElement value) {
        return name.startsWith(EXTRA) && !reader.membersAreData() && !value.isJsonObject() && value != DEEP;
    }

    private static final String EXTRA = "extra_";

    private static Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(n -> EXTRA + n),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("id", "state", "results", "execution_id", "output", "message", "__proto__"));
    }

    /**
     * Stands for a list nested 10,000 deep, written out only in {@link #bytes}: such a value held as
     * a tree breaks whatever walks it recursively (its own {@code hashCode}, say).
     */
    static final JsonPrimitive DEEP = new JsonPrimitive("\u0000deep");

    private static final String DEEP_TEXT = "[".repeat(10_000) + "]".repeat(10_000);

    private static final JsonArray HUNDRED_THOUSAND = new JsonArray();

    static {
        for (int i = 0; i < 100_000; i++) {
            HUNDRED_THOUSAND.add(i);
        }
    }

    private static Variant variant(Reader reader, String change, JsonElement body, boolean keepsTheReference) {
        return new Variant(reader, change, bytes(body), keepsTheReference);
    }

    /** The JSON as Blink would send it, {@link #DEEP} written out. */
    static byte[] bytes(JsonElement e) {
        return e.toString().replace(DEEP.toString(), DEEP_TEXT).getBytes(StandardCharsets.UTF_8);
    }

    private static String brief(JsonElement v) {
        String text = v == DEEP ? "a list 10,000 deep" : String.valueOf(v);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    // ---- places in a fixture: every member of every object and every item of every list ----

    enum Change {
        REPLACE,
        REMOVE
    }

    /** A place: its container and its member name or index. */
    record Place(JsonElement container, Object key) {}

    static List<Place> places(JsonElement root) {
        List<Place> places = new ArrayList<>();
        collect(root, places);
        return places;
    }

    private static void collect(JsonElement e, List<Place> places) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                places.add(new Place(e, m.getKey()));
                collect(m.getValue(), places);
            }
        } else if (e.isJsonArray()) {
            for (int i = 0; i < e.getAsJsonArray().size(); i++) {
                places.add(new Place(e, i));
                collect(e.getAsJsonArray().get(i), places);
            }
        }
    }

    static JsonElement withPlaceChanged(JsonElement reference, int index, Change change, JsonElement value) {
        JsonElement copy = reference.deepCopy();
        List<Place> places = places(copy);
        if (places.isEmpty()) {
            return change == Change.REMOVE ? new JsonObject() : value;
        }
        Place p = places.get(index % places.size());
        if (p.container() instanceof JsonObject o) {
            if (change == Change.REMOVE) {
                o.remove((String) p.key());
            } else {
                o.add((String) p.key(), value);
            }
        } else {
            JsonArray a = (JsonArray) p.container();
            if (change == Change.REMOVE) {
                a.remove((int) p.key());
            } else {
                a.set((int) p.key(), value);
            }
        }
        return copy;
    }

    /** Adds a member to one of the answer's objects, outside its data, unless that object has a member of that name. */
    static JsonElement withMemberAdded(
            JsonElement reference, Set<String> data, int index, String name, JsonElement value) {
        JsonElement copy = reference.deepCopy();
        List<JsonObject> objects = new ArrayList<>();
        objectsOutside(copy, data, objects);
        if (objects.isEmpty()) {
            return copy;
        }
        JsonObject target = objects.get(index % objects.size());
        if (!target.has(name)) {
            target.add(name, value);
        }
        return copy;
    }

    private static void objectsOutside(JsonElement e, Set<String> data, List<JsonObject> objects) {
        if (e.isJsonObject()) {
            objects.add(e.getAsJsonObject());
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (!data.contains(m.getKey())) {
                    objectsOutside(m.getValue(), data, objects);
                }
            }
        } else if (e.isJsonArray()) {
            for (JsonElement item : e.getAsJsonArray()) {
                objectsOutside(item, data, objects);
            }
        }
    }
}
