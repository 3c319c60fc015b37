package io.jenkins.plugins.blinkops.core.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The order every request goes through: record it, check the key, find the route, apply a queued
 * fault or answer normally. Recording comes first so a test sees even the requests that failed.
 */
final class RequestDispatcher implements HttpHandler {

    private final FakeBlinkServer server;
    private final BlinkApi api;

    RequestDispatcher(FakeBlinkServer server) {
        this.server = server;
        this.api = new BlinkApi(server);
    }

    /**
     * A request counts as in flight at the server from when its handler starts until its answer
     * starts going out (or the connection is dropped), slow answers' wait included. It ends before
     * the first byte of the answer is written, so a client that sends its next request on the same
     * connection only once it read the answer can never be counted twice: the gauge never shows more
     * requests than the client has connections.
     */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        server.requestArrived();
        boolean counted = true;
        try {
            RecordedRequest request = read(exchange);
            Route.Match match = Route.match(request.method(), request.path());
            server.record(match == null ? null : match.route(), request);
            Answer answer = answer(match, request);
            try {
                answer = answer.awaitReady();
            } catch (InterruptedException e) {
                // the server is closing: drop the connection rather than answer late
                Thread.currentThread().interrupt();
                answer = Answer.abort();
            }
            counted = false;
            server.requestAnswering();
            answer.send(exchange);
        } finally {
            if (counted) {
                server.requestAnswering();
            }
            exchange.close();
        }
    }

    private Answer answer(Route.Match match, RecordedRequest request) {
        try {
            if (!server.apiKey().equals(request.header("BLINK-API-KEY"))) {
                return Answer.error(401, "Unauthorized: invalid API key");
            }
            if (match == null) {
                return Answer.error(404, "Not found: " + request.method() + " " + request.path());
            }
            Fault fault = server.nextFault(match.route());
            if (fault == null) {
                return api.handle(match, request);
            }
            if (fault.refusedBeforeActing()) {
                return fault.replace(null);
            }
            // The worst case: the server does the work (creates the execution, cancels it), then fails.
            return fault.replace(api.handle(match, request));
        } catch (RuntimeException e) {
            // a bug in the fake: say so in the answer instead of dropping the connection
            return Answer.error(500, "FakeBlinkServer bug: " + e);
        }
    }

    private static RecordedRequest read(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                rawQuery,
                decodeQuery(rawQuery),
                headers,
                body);
    }

    /** The first value of each query parameter, decoded. */
    private static Map<String, String> decodeQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : List.of(rawQuery.split("&"))) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.putIfAbsent(decode(name), decode(value));
        }
        return query;
    }

    /** A malformed escape is kept as sent: the request must still be recorded and answered. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
