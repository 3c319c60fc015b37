package io.jenkins.plugins.blinkops.core.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A gateway in front of the fake Blink, as a load balancer or reverse proxy stands in front of the
 * real one: every request is relayed to the fake, and a queued {@link Lost} fault strikes an
 * execute <em>after</em> the fake answered it, so the run exists while the client hears only the
 * gateway's failure. The ambiguity Blink's "Not published" section describes, made reproducible.
 */
public final class FakeGateway implements AutoCloseable {

    /** What the gateway tells the client instead of Blink's answer to an execute. */
    public enum Lost {
        BAD_GATEWAY_502,
        UNAVAILABLE_503,
        GATEWAY_TIMEOUT_504,
        /** The connection is closed with no answer at all. */
        RESET,
        /** Nothing comes back until the client's read timeout has passed; then the connection is closed. */
        SILENT
    }

    private static final Duration SILENCE = Duration.ofSeconds(5);

    private final HttpServer http;
    private final ExecutorService executor;
    private final String upstream;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** Guarded by itself. */
    private final Queue<Lost> faults = new ArrayDeque<>();

    private FakeGateway(HttpServer http, ExecutorService executor, String upstream) {
        this.http = http;
        this.executor = executor;
        this.upstream = upstream;
    }

    public static FakeGateway inFrontOf(FakeBlinkServer blink) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-gateway");
            t.setDaemon(true);
            return t;
        });
        FakeGateway gateway = new FakeGateway(http, executor, blink.url());
        http.setExecutor(executor);
        http.createContext("/", gateway::relay);
        http.start();
        return gateway;
    }

    /** The URL a client uses to reach Blink through the gateway. */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Loses the answer to the next execute this way. */
    public FakeGateway loseNextExecuteAnswer(Lost fault) {
        synchronized (faults) {
            faults.add(fault);
        }
        return this;
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = URI.create(upstream + exchange.getRequestURI().toString());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : new String[] {"BLINK-API-KEY", "Content-Type", "Accept"}) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Lost fault = exchange.getRequestURI().getPath().endsWith("/execute") ? nextFault() : null;
            if (fault == null) {
                answer.headers()
                        .firstValue("Content-Type")
                        .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
                send(exchange, answer.statusCode(), answer.body());
                return;
            }
            switch (fault) {
                case BAD_GATEWAY_502 -> send(exchange, 502, "502 Bad Gateway".getBytes(StandardCharsets.UTF_8));
                case UNAVAILABLE_503 -> send(exchange, 503, "503 Service Unavailable".getBytes(StandardCharsets.UTF_8));
                case GATEWAY_TIMEOUT_504 ->
                    send(exchange, 504, "504 Gateway Time-out".getBytes(StandardCharsets.UTF_8));
                case RESET -> {
                    // closing the exchange before any header closes the connection: no answer at all
                }
                case SILENT -> {
                    try {
                        Thread.sleep(SILENCE.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    private Lost nextFault() {
        synchronized (faults) {
            return faults.poll();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
