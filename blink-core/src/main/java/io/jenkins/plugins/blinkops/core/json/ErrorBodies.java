package io.jenkins.plugins.blinkops.core.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.HttpEntity;

/**
 * Finds Blink's message in an error answer. The old spec's shape is
 * {@code {"status", "message", "details", "data"}}; anything else (a proxy's HTML page, say) is
 * quoted, shortened.
 */
public final class ErrorBodies {
    private static final int QUOTE_LIMIT = 300;
    private static final int DETAILS_LIMIT = 2000;

    private ErrorBodies() {}

    public static String read(HttpEntity entity, int limit) throws IOException {
        try (InputStream in = entity.getContent()) {
            return in == null ? "" : new String(in.readNBytes(limit), StandardCharsets.UTF_8);
        }
    }

    /**
     * Blink's message, with its {@code details} when they add something (Blink puts there which
     * step failed and why), or the body quoted, or {@code null} for an empty body. The message and
     * a quoted body are shortened to one line of at most {@value #QUOTE_LIMIT} characters, the
     * details to {@value #DETAILS_LIMIT}.
     */
    public static String message(String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            JsonElement json = JsonParser.parseString(text);
            if (json.isJsonObject()) {
                String message = firstString(json.getAsJsonObject(), "message", "error", "detail", "details");
                String details = firstString(json.getAsJsonObject(), "details");
                if (message != null && details != null && !details.equals(message)) {
                    return quote(message) + " (" + cut(details.strip(), DETAILS_LIMIT) + ")";
                }
                if (message != null) {
                    // Blink's own words, but from outside: as bounded as a quoted body
                    return quote(message);
                }
            }
        } catch (JsonParseException notJson) {
            // quoted below
        }
        return quote(text);
    }

    private static String firstString(JsonObject o, String... names) {
        for (String name : names) {
            JsonElement e = o.get(name);
            if (e != null && e.isJsonPrimitive() && !e.getAsString().isBlank()) {
                return e.getAsString();
            }
        }
        return null;
    }

    private static String quote(String text) {
        return cut(text.replaceAll("\\s+", " "), QUOTE_LIMIT);
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "…";
    }
}
