package io.jenkins.plugins.blinkops.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A forward HTTP proxy on 127.0.0.1 for tests: it takes requests in proxy form (absolute URI in the
 * request line), demands Basic credentials when given some (407 otherwise), and sends every request
 * to one upstream server whatever host it names, so that a test can use a host name that does not
 * resolve and be sure that an answer can only have come through the proxy.
 */
public final class LoopbackProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "proxy-authorization",
            "proxy-connection",
            "keep-alive",
            "host",
            "content-length",
            "transfer-encoding",
            "upgrade",
            "expect");

    private final HttpServer server;
    private final String upstream;
    private final String expectedAuthorization;
    private final HttpClient client = HttpClient.newHttpClient();
    /** The request targets as the client wrote them, e.g. {@code http://blink.invalid/api/v1/...}. */
    public final List<String> targets = new CopyOnWriteArrayList<>();
    /** How many requests were refused for want of credentials. */
    public final List<String> challenged = new CopyOnWriteArrayList<>();

    private LoopbackProxy(String upstream, String user, String password) throws IOException {
        this.upstream = upstream;
        this.expectedAuthorization = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static LoopbackProxy to(String upstream) throws IOException {
        return new LoopbackProxy(upstream, null, null);
    }

    public static LoopbackProxy withCredentials(String upstream, String user, String password) throws IOException {
        return new LoopbackProxy(upstream, user, password);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI target = exchange.getRequestURI();
            if (expectedAuthorization != null
                    && !expectedAuthorization.equals(
                            exchange.getRequestHeaders().getFirst("Proxy-Authorization"))) {
                challenged.add(target.toString());
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"loopback\"");
                exchange.sendResponseHeaders(407, -1);
                return;
            }
            targets.add(target.toString());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream
                            + target.getRawPath()
                            + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers()
                    .firstValue("Content-Type")
                    .ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
