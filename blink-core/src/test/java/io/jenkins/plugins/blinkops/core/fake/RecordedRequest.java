package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;
import java.util.Map;

/**
 * One request exactly as the fake received it, so a test can check what the client sent.
 *
 * @param path the raw path, with {@code /api/v1} and without the query
 * @param rawQuery the query as sent (still encoded), or null when there was none
 * @param query the query parameters, decoded (first value of each name)
 * @param headers the headers, names in lower case (first value of each name)
 * @param body the body as UTF-8 text, empty when there was none
 */
public record RecordedRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, String> query,
        Map<String, String> headers,
        String body) {

    public RecordedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The body parsed as a JSON object; throws when it is not one, which fails the calling test. */
    public JsonObject bodyJson() {
        return JsonParser.parseString(body).getAsJsonObject();
    }

    /** A header's value, whatever the case of {@code name}; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
