package io.jenkins.plugins.blinkops.core.callback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the plugin's Jenkins endpoint ({@code <jenkins>/blink-callback/<token>}) in engine
 * tests and benchmarks only: a JDK HTTP server on 127.0.0.1 that passes the last segment of the
 * path to {@link CallbackRegistry#knock} and answers 204 (a wait woke), 404 (no wait has that
 * token) or 429 (the token's knocks are used up), reading nothing else of the request.
 */
public final class CallbackReceiver implements AutoCloseable {
    private static final String PATH = "/blink-callback/";

    private final HttpServer http;
    private final ExecutorService executor;
    private final Map<CallbackRegistry.Knock, AtomicLong> answered = new EnumMap<>(CallbackRegistry.Knock.class);

    private CallbackReceiver(CallbackRegistry registry, int threads) {
        for (CallbackRegistry.Knock knock : CallbackRegistry.Knock.values()) {
            answered.put(knock, new AtomicLong());
        }
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "callback-receiver-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(executor);
        http.createContext(PATH, exchange -> answer(registry, exchange));
        http.start();
    }

    /** Listens on a free port, answering on {@code threads} threads. */
    public static CallbackReceiver start(CallbackRegistry registry, int threads) {
        return new CallbackReceiver(registry, threads);
    }

    /** The base URL to give {@link ExecutionRequest.Builder#callback}: the token goes after it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + PATH;
    }

    /** How many knocks were answered so. */
    public long answered(CallbackRegistry.Knock knock) {
        return answered.get(knock).get();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void answer(CallbackRegistry registry, HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            CallbackRegistry.Knock knock = registry.knock(path.substring(path.lastIndexOf('/') + 1));
            answered.get(knock).incrementAndGet();
            int status =
                    switch (knock) {
                        case WOKE -> 204;
                        case UNKNOWN -> 404;
                        case TOO_MANY -> 429;
                    };
            exchange.sendResponseHeaders(status, -1);
        }
    }
}
