package io.jenkins.plugins.blinkops.core.http;

import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.target.Operation;
import io.jenkins.plugins.blinkops.core.target.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to the Blink API, before it is sent: what {@link BlinkClient} asks of
 * {@link BlinkTransport}.
 *
 * @param path         below {@code /api/v1}, its segments already encoded
 * @param query        query parameters, in order; values are encoded when sent
 * @param jsonBody     the body, or {@code null} for none
 * @param extraWait    how much longer than usual Blink may take to answer (a synchronous run)
 */
public record ApiCall(
        String method,
        String path,
        Map<String, String> query,
        String jsonBody,
        Operation operation,
        Target target,
        Duration extraWait) {

    public static ApiCall get(Operation op, Target target, String path) {
        return new ApiCall("GET", path, Map.of(), null, op, target, Duration.ZERO);
    }

    public static ApiCall post(Operation op, Target target, String path, String jsonBody) {
        return new ApiCall("POST", path, Map.of(), jsonBody, op, target, Duration.ZERO);
    }

    public ApiCall withQuery(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return new ApiCall(method, path, q, jsonBody, operation, target, extraWait);
    }

    public ApiCall withExtraWait(Duration wait) {
        return new ApiCall(method, path, query, jsonBody, operation, target, wait);
    }

    /**
     * Without the body: a start's body holds the callback URL, whose last segment is the token that
     * lets Blink wake the build, and that must show in no log line or exception.
     */
    @Override
    public String toString() {
        return "ApiCall[" + method + " " + path + (query.isEmpty() ? "" : "?" + query.keySet())
                + (jsonBody == null ? "" : ", body of " + jsonBody.length() + " characters") + "]";
    }
}
