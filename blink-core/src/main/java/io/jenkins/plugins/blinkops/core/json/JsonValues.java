package io.jenkins.plugins.blinkops.core.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between plain Java values (what a Pipeline map holds, what a step returns) and JSON.
 * Blink's workflow inputs are typed, so numbers, booleans, lists and maps keep their JSON type.
 */
public final class JsonValues {
    private JsonValues() {}

    /** Any value a Pipeline script can hold, as JSON; unknown types (a Groovy GString, say) become text. */
    public static JsonElement toJson(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof JsonElement json) {
            return json;
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            map.forEach((k, v) -> o.add(String.valueOf(k), toJson(v)));
            return o;
        }
        if (value instanceof Iterable<?> items) {
            JsonArray a = new JsonArray();
            items.forEach(v -> a.add(toJson(v)));
            return a;
        }
        if (value.getClass().isArray()) {
            JsonArray a = new JsonArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                a.add(toJson(Array.get(value, i)));
            }
            return a;
        }
        return new JsonPrimitive(value.toString());
    }

    /**
     * JSON as plain Java: {@link LinkedHashMap}, {@link ArrayList}, String, Boolean, Long or Double
     * (BigDecimal beyond their range), null. Pipeline scripts use these without script approval.
     */
    public static Object toJava(JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return null;
        }
        if (json.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            json.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
            return map;
        }
        if (json.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            json.getAsJsonArray().forEach(e -> list.add(toJava(e)));
            return list;
        }
        JsonPrimitive p = json.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            return number(p.getAsBigDecimal());
        }
        return p.getAsString();
    }

    private static Object number(BigDecimal d) {
        try {
            return d.longValueExact();
        } catch (ArithmeticException notALong) {
            double asDouble = d.doubleValue();
            return Double.isInfinite(asDouble) ? d : asDouble;
        }
    }

    /**
     * Parses text that must hold a JSON object.
     *
     * @param field how the user knows this text, for the error message
     * @throws InvalidInputException when it is not a JSON object
     */
    public static JsonObject parseObject(String text, String field) {
        JsonElement json;
        try {
            json = parseStrictly(text);
        } catch (JsonParseException e) {
            throw new InvalidInputException(field, "is not valid JSON (" + rootMessage(e) + ")");
        }
        if (!json.isJsonObject()) {
            throw new InvalidInputException(
                    field, "must be a JSON object like {\"key\": \"value\"}, not " + kind(json));
        }
        return json.getAsJsonObject();
    }

    /**
     * JSON as the standard writes it, and Blink reads it: Gson's own parsing is lenient, and would
     * take {@code {a: 'b'}} or {@code NaN} and send something else than was typed (the string
     * {@code "NaN"}, say).
     */
    private static JsonElement parseStrictly(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement json = JsonParser.parseReader(reader);
        try {
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("more than one JSON value");
            }
        } catch (IOException e) {
            throw new JsonSyntaxException(e);
        }
        return json;
    }

    private static String kind(JsonElement json) {
        if (json.isJsonArray()) {
            return "a list";
        }
        if (json.isJsonNull()) {
            return "null";
        }
        return "a single value";
    }

    /** Gson's reason in a user's words: its first line, without its advice to programmers. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        return first.replace(
                "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "not standard JSON");
    }
}
