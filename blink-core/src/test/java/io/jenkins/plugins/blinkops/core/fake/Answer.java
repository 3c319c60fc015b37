package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * What the fake sends back for one request. Handlers return an Answer instead of writing to the
 * exchange themselves, so that a {@link Fault} can replace or delay the normal answer after the
 * server has done its work.
 */
@FunctionalInterface
interface Answer {

    void send(HttpExchange exchange) throws IOException;

    /**
     * Waits until the answer is ready to go out and returns what to send then: the dispatcher calls
     * this first, so that the time a {@linkplain #delayed delayed} answer waits counts as the request
     * being in flight at the server, and the answer itself starts only after the gauge let go of it.
     */
    default Answer awaitReady() throws InterruptedException {
        return this;
    }

    /** Writes a body that may be too large to hold in memory as one array. */
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    static Answer json(int status, JsonElement body) {
        return bytes(status, "application/json", Json.GSON.toJson(body).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Blink's error shape: {@code {"status":..,"message":..}}. */
    static Answer error(int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("status", status);
        body.addProperty("message", message);
        return json(status, body);
    }

    /** The old spec's error shape: {@code {"status", "message", "details", "data": null}}. */
    static Answer error(int status, String message, String details) {
        JsonObject body = new JsonObject();
        body.addProperty("status", status);
        body.addProperty("message", message);
        body.addProperty("details", details);
        body.add("data", null);
        return json(status, body);
    }

    /** A body of known length; an empty one is sent with Content-Length 0. */
    static Answer bytes(int status, String contentType, byte[] body, Map<String, String> headers) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        };
    }

    /** A chunked JSON body, written as it is produced: 50 MB of outputs never sit in the heap. */
    static Answer streamed(int status, BodyWriter writer) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
                writer.writeTo(out);
            }
        };
    }

    /**
     * Closes the connection without sending a status line. The JDK server closes the socket when
     * an exchange is closed before its headers were sent, so the client sees the connection end
     * with no answer at all (an IOException, never a status code).
     */
    static Answer abort() {
        return HttpExchange::close;
    }

    /** The same answer, sent after a pause (in real time: the client's timeouts are what is tested). */
    static Answer delayed(Duration delay, Answer answer) {
        return new Delayed(delay, answer);
    }

    /** See {@link #delayed}. */
    record Delayed(Duration delay, Answer answer) implements Answer {
        @Override
        public void send(HttpExchange exchange) throws IOException {
            Answer ready;
            try {
                ready = awaitReady();
            } catch (InterruptedException e) {
                // the server is closing: drop the connection rather than answer late
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            ready.send(exchange);
        }

        @Override
        public Answer awaitReady() throws InterruptedException {
            Thread.sleep(delay.toMillis());
            return answer.awaitReady();
        }
    }
}
