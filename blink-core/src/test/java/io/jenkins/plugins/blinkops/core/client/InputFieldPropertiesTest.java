package io.jenkins.plugins.blinkops.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.FakeExecution;
import io.jenkins.plugins.blinkops.core.fake.ReferenceFixture;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.json.JsonValues;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every field a user fills for a start (ids, inputs as a map or as JSON text, event, {@code ${…}}
 * references, runner, trigger type, past execution): either accepted and sent exactly as the model
 * says, in the reference's shape (the fake Blink records the body; it is parsed strictly, as any
 * JSON server would), or refused before anything is sent, by an {@link InvalidInputException} that
 * names one of the fields generated wrong.
 */
class InputFieldPropertiesTest {
    /** The build's variables, for {@code ${…}}: one with characters a regex replacement treats specially. */
    static final Map<String, String> VARIABLES =
            Map.of("HOST", "web-01", "ODD", "a$1\\b", "EMPTY", "", "WF", "wf-7", "WS", "ws-2");

    private static FakeBlinkServer server;
    private static BlinkClient client;

    @BeforeContainer
    static void start() {
        server = FakeBlinkServer.start().workspace("ws-1", "Ops").workspace("ws-2", "Dev");
        server.acceptAnyWorkflow(true);
        client = Fixtures.client(server);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    /** A generated field: what the user typed, and what must be sent for it, or that it must be refused. */
    record Field<T>(T typed, JsonElement sent, boolean refused, String field, boolean mayBeRefused) {
        static <T> Field<T> sent(T typed, JsonElement sent) {
            return new Field<>(typed, sent, false, null, false);
        }

        static <T> Field<T> refused(T typed, String field) {
            return new Field<>(typed, null, true, field, false);
        }

        /** What the reference leaves open (an id with characters no Blink id shows): sent exactly, or refused. */
        static <T> Field<T> either(T typed, JsonElement sent, String field) {
            return new Field<>(typed, sent, false, field, true);
        }
    }

    /** A text with {@code ${…}} references, and what it expands to (or the field it makes refused, when strict). */
    record Text(String typed, String expanded, boolean unresolved) {}

    record Spec(
            Field<String> workspace,
            Field<String> workflow,
            Field<Object> inputs,
            Field<Object> event,
            Field<String> runner,
            boolean strict) {

        List<Field<?>> fields() {
            return List.of(workspace, workflow, inputs, event, runner);
        }

        Set<String> refusedFields() {
            Set<String> names = new LinkedHashSet<>();
            for (Field<?> f : fields()) {
                if (f.refused()) {
                    names.add(f.field());
                }
            }
            return names;
        }

        Set<String> mayBeRefusedFields() {
            Set<String> names = refusedFields();
            for (Field<?> f : fields()) {
                if (f.mayBeRefused()) {
                    names.add(f.field());
                }
            }
            return names;
        }
    }

    @Property
    void everyFieldIsSentAsTypedOrRefusedByName(@ForAll("specs") Spec spec) throws Exception {
        ExecutionSpec typed = new ExecutionSpec(
                spec.workspace().typed(),
                spec.workflow().typed(),
                spec.inputs().typed(),
                false,
                spec.event().typed(),
                spec.runner().typed(),
                null,
                null,
                spec.strict());
        int sentBefore = server.count(Route.EXECUTE);
        ExecutionRequest request;
        try {
            request = typed.toRequest(
                    "ws-1", References.of(VARIABLES, Set.of()), Map.of(), new Fixtures.CapturedLog().log);
        } catch (InvalidInputException e) {
            assertThat(spec.mayBeRefusedFields()).as(e.getMessage()).contains(e.field());
            assertThat(e.getMessage()).startsWith(e.field() + ": ");
            assertThat(server.count(Route.EXECUTE)).as("nothing sent").isEqualTo(sentBefore);
            return;
        }
        assertThat(spec.refusedFields()).as("accepted " + request.toJsonBody()).isEmpty();
        String executionId = client.startExecution(request);
        FakeExecution execution = server.execution(executionId);
        assertThat(execution.workspaceId()).isEqualTo(spec.workspace().sent().getAsString());
        assertThat(execution.workflowId()).isEqualTo(spec.workflow().sent().getAsString());
        JsonObject body = strictlyParsed(execution.startRequest().body());
        assertThat(ReferenceFixture.load("execute-request").differencesFrom(body))
                .isEmpty();
        // every start carries its nonce (event.jenkins.nonce): the request's own, and nothing else of it
        assertThat(body.getAsJsonObject("event")
                        .getAsJsonObject("jenkins")
                        .get("nonce")
                        .getAsString())
                .isEqualTo(request.nonce());
        assertThat(JsonParser.parseString(Fixtures.withoutNonce(body.toString())))
                .isEqualTo(expectedBody(spec));
    }

    static JsonObject strictlyParsed(String body) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(body));
        reader.setStrictness(Strictness.STRICT);
        return JsonParser.parseReader(reader).getAsJsonObject();
    }

    private static JsonObject expectedBody(Spec spec) {
        JsonObject body = new JsonObject();
        JsonElement inputs = spec.inputs().sent();
        if (inputs != null && !inputs.getAsJsonObject().isEmpty()) {
            body.add("input_values", inputs);
        }
        if (spec.event().sent() != null) {
            body.add("event", spec.event().sent());
        }
        if (spec.runner().sent() != null) {
            body.add("runner", spec.runner().sent());
        }
        return body;
    }

    // ---- generators: each knows what must be sent for what it typed ----

    @Provide
    Arbitrary<Spec> specs() {
        return Arbitraries.of(true, false)
                .flatMap(strict -> Combinators.combine(
                                workspaces(strict), workflows(strict), inputs(strict), events(strict), runners(strict))
                        .as((ws, wf, in, ev, runner) -> new Spec(ws, wf, in, ev, runner, strict)));
    }

    static Arbitrary<Field<String>> workspaces(boolean strict) {
        return Arbitraries.oneOf(
                Arbitraries.of("", "  ", "ws-1", " ws-2 ", "${WS}").map(typed -> switch (typed.strip()) {
                    case "" -> Field.sent(typed, new JsonPrimitive("ws-1"));
                    case "${WS}" -> Field.sent(typed, new JsonPrimitive("ws-2"));
                    default -> Field.sent(typed, new JsonPrimitive(typed.strip()));
                }),
                badIds().map(typed -> Field.refused(typed, "workspaceId")));
    }

    static Arbitrary<Field<String>> workflows(boolean strict) {
        Arbitrary<String> plain = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('-', '_')
                .ofMinLength(1)
                .ofMaxLength(36)
                // an id starts with a letter, a digit or '_' (SafeId): "-x" is in the open set below
                .filter(id -> id.charAt(0) != '-');
        return Arbitraries.oneOf(
                plain.map(id -> Field.sent(id, new JsonPrimitive(id))),
                Arbitraries.just(Field.sent("${WF}", new JsonPrimitive("wf-7"))),
                Arbitraries.just(Field.refused("", "workflowId")),
                Arbitraries.of("a?b", "a#b", "a%2Fb", "é-1", "a:b", "a;b", "-a", "a".repeat(129))
                        .map(id -> Field.either(id, new JsonPrimitive(id), "workflowId")),
                badIds().map(typed -> Field.refused(typed, "workflowId")));
    }

    /** Ids that cannot go into a URL path as they are. */
    static Arbitrary<String> badIds() {
        return Arbitraries.oneOf(
                Arbitraries.of("a/b", "../x", "a b", "a\nb", "a\u0000b", "tab\there", ".", ".."),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(10).map(s -> s + "/" + s));
    }

    static Arbitrary<Field<String>> runners(boolean strict) {
        return Arbitraries.oneOf(
                Arbitraries.of(null, "", "   ").map(typed -> Field.sent(typed, null)),
                texts(strict).map(t -> {
                    String typed = "r-" + t.typed();
                    if (t.unresolved() && strict) {
                        return Field.refused(typed, "runner");
                    }
                    String sent = ("r-" + t.expanded()).strip();
                    return sent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                            ? Field.refused(typed, "runner")
                            : Field.sent(typed, new JsonPrimitive(sent));
                }));
    }

    /** Inputs as a map (as a Pipeline gives them) or as JSON text (as a form does). */
    static Arbitrary<Field<Object>> inputs(boolean strict) {
        Arbitrary<Field<Object>> map = values(strict, 2)
                .list()
                .ofMaxSize(4)
                .flatMap(values -> Arbitraries.strings()
                        .ofMinLength(0)
                        .ofMaxLength(8)
                        .list()
                        .ofSize(values.size())
                        .map(names -> asInputs(names, values)));
        Arbitrary<Field<Object>> text = map.filter(f -> !f.refused() && f.typed() != null)
                .map(f -> Field.<Object>sent(JsonValues.toJson(f.typed()).toString(), f.sent()));
        Arbitrary<Field<Object>> badText = Arbitraries.of(
                        "{", "[1,2]", "\"text\"", "42", "{\"a\":1}{", "{\"a\":NaN}", "{a:1}", "{'a':'b'}", "{\"a\":1,}")
                .map(t -> Field.refused(t, "inputs"));
        return Arbitraries.oneOf(map, text, badText, Arbitraries.just(Field.sent(null, new JsonObject())));
    }

    /** The event: a JSON object as text or a map, like the inputs' values; blank or empty means none. */
    static Arbitrary<Field<Object>> events(boolean strict) {
        return Arbitraries.oneOf(
                Arbitraries.of(null, "", "  ").map(t -> Field.<Object>sent(t, null)),
                Arbitraries.just(Field.<Object>sent(Map.of(), null)),
                texts(strict).map(t -> {
                    Map<String, Object> typed = Map.of("host", t.typed());
                    if (t.unresolved() && strict) {
                        return Field.<Object>refused(typed, "event");
                    }
                    JsonObject sent = new JsonObject();
                    sent.addProperty("host", t.expanded());
                    return Field.<Object>sent(typed, sent);
                }),
                Arbitraries.of("{", "[]", "null", "{\"a\":Infinity}").map(t -> Field.<Object>refused(t, "event")));
    }

    /** Input values of every JSON type, strings with references among them. */
    static Arbitrary<Field<Object>> values(boolean strict, int depth) {
        List<Arbitrary<Field<Object>>> kinds = new ArrayList<>(List.of(
                Arbitraries.longs().map(n -> Field.<Object>sent(n, new JsonPrimitive(n))),
                Arbitraries.of(true, false).map(b -> Field.<Object>sent(b, new JsonPrimitive(b))),
                Arbitraries.of(0.5, -1e300, 3.25).map(d -> Field.<Object>sent(d, new JsonPrimitive(d))),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY).map(d -> Field.<Object>refused(d, "inputs")),
                Arbitraries.just(Field.<Object>sent(null, JsonNull.INSTANCE)),
                texts(strict)
                        .map(t -> t.unresolved() && strict
                                ? Field.<Object>refused(t.typed(), "inputs")
                                : Field.<Object>sent(t.typed(), new JsonPrimitive(t.expanded())))));
        if (depth > 0) {
            kinds.add(values(strict, depth - 1).list().ofMaxSize(3).map(InputFieldPropertiesTest::asList));
        }
        return Arbitraries.oneOf(kinds);
    }

    private static Field<Object> asList(List<Field<Object>> items) {
        List<Object> typed = new ArrayList<>();
        JsonArray sent = new JsonArray();
        for (Field<Object> item : items) {
            if (item.refused()) {
                return Field.refused(typedOf(items), "inputs");
            }
            typed.add(item.typed());
            sent.add(item.sent());
        }
        return Field.sent(typed, sent);
    }

    private static List<Object> typedOf(List<Field<Object>> items) {
        List<Object> typed = new ArrayList<>();
        items.forEach(i -> typed.add(i.typed()));
        return typed;
    }

    /** The inputs' map: a blank name is refused; a name is sent stripped; the last of equal names wins. */
    private static Field<Object> asInputs(List<String> names, List<Field<Object>> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            typed.put(names.get(i), values.get(i).typed());
        }
        JsonObject sent = new JsonObject();
        String refused = null;
        for (Map.Entry<String, Object> e : typed.entrySet()) {
            Field<Object> value = values.get(names.lastIndexOf(e.getKey()));
            if (refused != null) {
                break; // the first wrong input is the one named
            } else if (e.getKey().isBlank()) {
                refused = "inputs";
            } else if (value.refused()) {
                refused = "inputs." + e.getKey();
            } else {
                sent.add(e.getKey().strip(), value.sent());
            }
        }
        return refused == null ? Field.sent(typed, sent) : Field.refused(typed, refused);
    }

    /**
     * Texts made of literal pieces and references: to a variable (expanded), escaped
     * ({@code $${X}}, sent as {@code ${X}}), or to no variable (sent as written, or refused when strict).
     */
    static Arbitrary<Text> texts(boolean strict) {
        // no whitespace at a piece's ends: a text is stripped before it is expanded
        Arbitrary<Text> literal = Arbitraries.strings()
                .ofMaxLength(8)
                .filter(s -> s.indexOf('$') < 0 && s.strip().equals(s))
                .map(s -> new Text(s, s, false));
        Arbitrary<Text> known =
                Arbitraries.of(VARIABLES.keySet()).map(name -> new Text("${" + name + "}", VARIABLES.get(name), false));
        Arbitrary<Text> escaped =
                Arbitraries.of("HOST", "X").map(n -> new Text("$${" + n + "}", "${" + n + "}", false));
        Arbitrary<Text> unknown =
                Arbitraries.of("NOPE", "a b", "").map(n -> new Text("${" + n + "}", "${" + n + "}", true));
        return Arbitraries.oneOf(literal, known, escaped, unknown)
                .list()
                .ofMaxSize(4)
                .map(parts -> {
                    StringBuilder typed = new StringBuilder();
                    StringBuilder expanded = new StringBuilder();
                    boolean unresolved = false;
                    for (Text t : parts) {
                        typed.append(t.typed());
                        expanded.append(t.expanded());
                        unresolved |= t.unresolved();
                    }
                    return new Text(typed.toString(), expanded.toString(), unresolved);
                });
    }
}
