package io.jenkins.plugins.blinkops.core.fake;

import java.util.Map;

/**
 * One callback the fake made, as sent, with what it got back.
 *
 * @param executionId   the run whose end it announced
 * @param sentAtMillis  when it was sent, by the server's clock (possibly simulated)
 * @param headers       the headers set from the request's {@code headers} and {@code cookies}
 * @param body          the JSON body sent
 * @param status        the HTTP status answered, or -1 when none came (connection refused, reset, timeout)
 */
public record SentCallback(
        String executionId,
        long sentAtMillis,
        String url,
        String method,
        Map<String, String> headers,
        String body,
        int status) {

    public SentCallback {
        headers = Map.copyOf(headers);
    }
}
