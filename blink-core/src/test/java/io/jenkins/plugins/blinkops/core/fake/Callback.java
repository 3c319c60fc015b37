package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code callback} member of an execute request, as "Execute a workflow" lists it: {@code url},
 * {@code method}, {@code headers{}}, {@code cookies{}}, {@code body{}}, {@code disableSSL},
 * {@code excludeDefaultMetadata}. The reference gives no defaults; the fake calls with POST when
 * no method is given. {@code disableSSL} is accepted and not acted on: the fake only calls plain
 * {@code http} receivers on loopback.
 */
record Callback(
        String url,
        String method,
        Map<String, String> headers,
        Map<String, String> cookies,
        JsonObject body,
        boolean excludeDefaultMetadata) {

    /**
     * The callback of an execute body, or null when it has none.
     *
     * @throws IllegalArgumentException when a member has another JSON type than the reference's,
     *     or the URL is missing: Blink's answer to that is not documented; the fake refuses the start
     */
    static Callback of(JsonObject executeBody) {
        JsonElement member = executeBody.get("callback");
        if (member == null || member.isJsonNull()) {
            return null;
        }
        if (!member.isJsonObject()) {
            throw new IllegalArgumentException("callback must be an object");
        }
        JsonObject callback = member.getAsJsonObject();
        String url = text(callback, "url", null);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("callback.url is required");
        }
        JsonElement body = callback.get("body");
        if (body != null && !body.isJsonNull() && !body.isJsonObject()) {
            throw new IllegalArgumentException("callback.body must be an object");
        }
        // type-checked like the other members, though not acted on (see above)
        flag(callback, "disableSSL");
        return new Callback(
                url,
                text(callback, "method", "POST"),
                textMap(callback, "headers"),
                textMap(callback, "cookies"),
                body == null || body.isJsonNull()
                        ? new JsonObject()
                        : body.getAsJsonObject().deepCopy(),
                flag(callback, "excludeDefaultMetadata"));
    }

    private static String text(JsonObject object, String name, String absent) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return absent;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("callback." + name + " must be a string");
        }
        return value.getAsString();
    }

    private static boolean flag(JsonObject object, String name) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return false;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("callback." + name + " must be a boolean");
        }
        return value.getAsBoolean();
    }

    private static Map<String, String> textMap(JsonObject object, String name) {
        JsonElement value = object.get(name);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isJsonNull()) {
            return map;
        }
        if (!value.isJsonObject()) {
            throw new IllegalArgumentException("callback." + name + " must be an object");
        }
        for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
            if (!e.getValue().isJsonPrimitive()) {
                throw new IllegalArgumentException("callback." + name + "." + e.getKey() + " must be a string");
            }
            map.put(e.getKey(), e.getValue().getAsString());
        }
        return map;
    }
}
