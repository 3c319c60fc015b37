package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One answer of Blink's API as its reference page shows it, kept in {@code blink-api/NAME.json}:
 * the page ({@code reference}, {@code url}), the request, notes, and the {@code body}, with the
 * reference's member names, types and nesting (the values are ours). Both the engine's parsers and
 * the fake's answers are tested against these, so neither can drift from the reference alone.
 *
 * <p>Flags: {@code map} (the body's keys are data, such as workspace ids: only its members' shape
 * counts), {@code freeForm} (any JSON object: a workflow's own outputs), {@code anyValue} (members
 * whose value is whatever a step's action gave, of any type), {@code optionalMembers} (a request
 * body: a member may be left out, but one that is there has the reference's name and type).
 */
public record ReferenceFixture(
        String name,
        String reference,
        String url,
        boolean map,
        boolean freeForm,
        boolean optionalMembers,
        Set<String> anyValue,
        JsonElement body) {

    /** The fixture of each fake route. */
    public static final Map<Route, String> OF_ROUTE = Map.of(
            Route.USER_WORKSPACES, "user-workspaces",
            Route.GET_WORKSPACE, "workspace",
            Route.LIST_WORKFLOWS, "playbooks",
            Route.GET_WORKFLOW, "playbook",
            Route.GET_EXECUTION, "execution",
            Route.LIST_EXECUTIONS, "executions",
            Route.GET_STEPS, "steps",
            Route.CANCEL, "cancel");

    public static final List<String> ALL = List.of(
            "execute-request",
            "execute-async",
            "execute-sync",
            "execution",
            "executions",
            "user-workspaces",
            "workspace",
            "playbooks",
            "playbook",
            "steps",
            "cancel");

    /** The names of all fixtures, for parameterized tests. */
    public static List<String> all() {
        return ALL;
    }

    public static ReferenceFixture load(String name) {
        String path = "/blink-api/" + name + ".json";
        try (InputStream in = ReferenceFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            JsonObject file = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            return new ReferenceFixture(
                    name,
                    file.get("reference").getAsString(),
                    file.get("url").getAsString(),
                    file.has("map") && file.get("map").getAsBoolean(),
                    file.has("freeForm") && file.get("freeForm").getAsBoolean(),
                    file.has("optionalMembers") && file.get("optionalMembers").getAsBoolean(),
                    file.has("anyValue")
                            ? file.getAsJsonArray("anyValue").asList().stream()
                                    .map(JsonElement::getAsString)
                                    .collect(Collectors.toSet())
                            : Set.of(),
                    file.get("body"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as text, as Blink would send it. */
    public String text() {
        return body.toString();
    }

    /**
     * How {@code answer} differs from this fixture's shape; empty when it has the shape. Each
     * object has exactly the fixture's members (with {@code optionalMembers}, some of them), each of the fixture's JSON type, recursively; an
     * answer's {@code null} stands for any type (Blink writes {@code null} for what a run has not
     * reached yet); a fixture's {@code {}} or {@code null} stands for any value of that kind.
     */
    public List<String> differencesFrom(JsonElement answer) {
        List<String> differences = new ArrayList<>();
        if (freeForm) {
            if (!answer.isJsonObject()) {
                differences.add("$: expected an object, was " + answer);
            }
        } else if (map) {
            if (!answer.isJsonObject()) {
                differences.add("$: expected a map (an object), was " + answer);
            } else {
                JsonElement member =
                        body.getAsJsonObject().entrySet().iterator().next().getValue();
                answer.getAsJsonObject()
                        .entrySet()
                        .forEach(e -> compare("$." + e.getKey(), member, e.getValue(), differences));
            }
        } else {
            compare("$", body, answer, differences);
        }
        return differences;
    }

    private void compare(String at, JsonElement expected, JsonElement actual, List<String> differences) {
        if (actual.isJsonNull() || expected.isJsonNull() || anyValue.contains(at.substring(at.lastIndexOf('.') + 1))) {
            return;
        }
        if (!kind(expected).equals(kind(actual))) {
            differences.add(at + ": expected " + kind(expected) + ", was " + kind(actual));
            return;
        }
        if (expected.isJsonObject() && !expected.getAsJsonObject().isEmpty()) {
            JsonObject e = expected.getAsJsonObject();
            JsonObject a = actual.getAsJsonObject();
            for (String name : e.keySet()) {
                if (!a.has(name) && !optionalMembers) {
                    differences.add(at + "." + name + ": missing");
                } else if (a.has(name)) {
                    compare(at + "." + name, e.get(name), a.get(name), differences);
                }
            }
            for (String name : a.keySet()) {
                if (!e.has(name)) {
                    differences.add(at + "." + name + ": not in the reference");
                }
            }
        } else if (expected.isJsonArray() && !expected.getAsJsonArray().isEmpty()) {
            JsonElement element = expected.getAsJsonArray().get(0);
            for (int i = 0; i < actual.getAsJsonArray().size(); i++) {
                compare(at + "[" + i + "]", element, actual.getAsJsonArray().get(i), differences);
            }
        }
    }

    private static String kind(JsonElement e) {
        if (e.isJsonObject()) {
            return "object";
        }
        if (e.isJsonArray()) {
            return "array";
        }
        if (e.getAsJsonPrimitive().isBoolean()) {
            return "boolean";
        }
        return e.getAsJsonPrimitive().isNumber() ? "number" : "string";
    }
}
