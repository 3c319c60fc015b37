package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Something going wrong on one request, queued with {@link FakeBlinkServer#fault(Route, Fault)}.
 *
 * <p>A fault either stands for a server that refused the request before doing anything (statuses
 * 429, 503, 401, 403 and 404), or for one that did the work and then failed to tell the client
 * (every other fault). The difference matters only where a request changes something: on
 * {@link Route#EXECUTE} and {@link Route#CANCEL}, see {@link FakeBlinkServer}.
 */
public final class Fault {

    /** Statuses after which Blink cannot have acted: the only ones a client may retry an execute on. */
    private static final Set<Integer> REFUSED_BEFORE_ACTING = Set.of(429, 503, 401, 403, 404);

    private final String description;
    private final boolean refusedBeforeActing;
    /** Given the normal answer (null when the request was refused before it was worked out), what the client gets. */
    private final UnaryOperator<Answer> replace;

    private Fault(String description, boolean refusedBeforeActing, UnaryOperator<Answer> replace) {
        this.description = description;
        this.refusedBeforeActing = refusedBeforeActing;
        this.replace = replace;
    }

    /** An HTTP error with Blink's (2022 spec) error body {@code {"status","message","details","data":null}}. */
    public static Fault status(int code) {
        JsonObject body = new JsonObject();
        body.addProperty("status", code);
        body.addProperty("message", "Injected fault: HTTP " + code);
        body.addProperty("details", "FakeBlinkServer answered " + code + " on purpose");
        body.add("data", null);
        return status(code, Json.GSON.toJson(body), "application/json", Map.of());
    }

    /** An HTTP status with any body, e.g. a proxy's plain-text 502. */
    public static Fault status(int code, String rawBody, String contentType) {
        return status(code, rawBody, contentType, Map.of());
    }

    /** 429 with a {@code Retry-After} header in seconds. */
    public static Fault tooManyRequests(int retryAfterSeconds) {
        JsonObject body = new JsonObject();
        body.addProperty("status", 429);
        body.addProperty("message", "Too many requests");
        return status(429, Json.GSON.toJson(body), "application/json", Map.of("Retry-After", retryAfterSeconds + ""));
    }

    /** The connection is closed after the request was read, with no HTTP answer at all. */
    public static Fault connectionReset() {
        return new Fault("connection reset", false, normal -> Answer.abort());
    }

    /** The normal answer, after this delay. */
    public static Fault slow(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return new Fault("slow " + delay, false, normal -> Answer.delayed(delay, normal));
    }

    /** 200 with a proxy's HTML page where JSON was expected. */
    public static Fault htmlBody() {
        String page = "<html><head><title>502 Bad Gateway</title></head>"
                + "<body><h1>502 Bad Gateway</h1><p>The Gateway received an invalid response.</p></body></html>";
        return body("HTML body", page, "text/html");
    }

    /** 200 application/json with a JSON object cut off in the middle (the Content-Length is right). */
    public static Fault truncatedJson() {
        return body("truncated JSON", "{\"execution_id\":\"a22f642a-f4fc-4c66-b978-6f1d", "application/json");
    }

    /** 200 application/json with no body at all. */
    public static Fault emptyBody() {
        return body("empty body", "", "application/json");
    }

    /** True when the server cannot have acted on the request, so a client may safely send it again. */
    boolean refusedBeforeActing() {
        return refusedBeforeActing;
    }

    Answer replace(Answer normal) {
        return replace.apply(normal);
    }

    @Override
    public String toString() {
        return "Fault[" + description + "]";
    }

    private static Fault status(int code, String rawBody, String contentType, Map<String, String> headers) {
        byte[] bytes = rawBody.getBytes(StandardCharsets.UTF_8);
        return new Fault(
                "HTTP " + code,
                REFUSED_BEFORE_ACTING.contains(code),
                normal -> Answer.bytes(code, contentType, bytes, headers));
    }

    private static Fault body(String description, String body, String contentType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Fault(description, false, normal -> Answer.bytes(200, contentType, bytes, Map.of()));
    }
}
