package io.jenkins.plugins.blinkops.core.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fake calls an execute request's {@code callback} when the run ends, as each {@link
 * CallbackDelivery} variant says. Time is the fake's simulated clock; a callback that must not come
 * (yet) is shown absent by a later run's callback that did come, since one thread sends them in
 * the order they fall due: no test waits a fixed time to see nothing happen.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeCallbackTest {
    private static final String KEY = "test-api-key";
    private static final long T0 = 1_700_000_000_000L;

    private final AtomicLong time = new AtomicLong(T0);
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private FakeBlinkServer server;
    private HttpServer receiver;

    /** A request as the receiver got it; the path's last segment says which run it is about. */
    record Received(String method, String path, Map<String, String> headers, JsonObject body) {}

    @BeforeEach
    void start() throws IOException {
        server = FakeBlinkServer.start().workspace("ws1", "Operations").clock(time::get);
        server.workflow("ws1", "ten").takes(Duration.ofSeconds(10));
        server.workflow("ws1", "instant");
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    Map.of(
                            "x-build",
                                    String.valueOf(exchange.getRequestHeaders().getFirst("X-Build")),
                            "cookie",
                                    String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"))),
                    JsonParser.parseString(body).getAsJsonObject()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        server.close();
        receiver.stop(0);
    }

    @Test
    void callsTheUrlWithTheMethodHeadersCookiesAndBodyOnceAfterTheEnd() throws Exception {
        String id = start(
                "ten",
                "{\"url\":\"" + hook("a") + "\",\"method\":\"PUT\",\"headers\":{\"X-Build\":\"7\"},"
                        + "\"cookies\":{\"session\":\"s1\",\"lang\":\"en\"},\"body\":{\"build\":7}}");
        // a run that ends at once: its callback shows the sender has looked while 'ten' still ran
        start("instant", callback("sentinel"));
        await(() -> received.size() == 1);
        assertThat(received.get(0).path()).endsWith("/sentinel");

        time.addAndGet(10_000);
        await(() -> received.size() == 2);
        Received call = received.get(1);
        assertThat(call.method()).isEqualTo("PUT");
        assertThat(call.path()).isEqualTo("/hook/a");
        assertThat(call.headers()).containsEntry("x-build", "7").containsEntry("cookie", "session=s1; lang=en");
        assertThat(call.body().get("build").getAsInt()).isEqualTo(7);
        assertThat(call.body().get("execution_id").getAsString()).isEqualTo(id);
        assertThat(call.body().get("state").getAsString()).isEqualTo("Completed");
        await(() -> server.callbacks().size() == 2);
        SentCallback sent = sentFor(id).get(0);
        assertThat(sent.status()).isEqualTo(204);
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.sentAtMillis())
                .isGreaterThanOrEqualTo(server.execution(id).finishedAt());

        // once: a later run's callback comes, and 'ten' has still been called once
        time.addAndGet(60_000);
        start("instant", callback("after"));
        await(() -> received.size() == 3);
        assertThat(sentFor(id)).hasSize(1);
    }

    @Test
    void postIsTheDefaultMethod() throws Exception {
        start("instant", callback("a"));
        await(() -> received.size() == 1);
        assertThat(received.get(0).method()).isEqualTo("POST");
    }

    @Test
    void neverSendsNothing() throws Exception {
        server.callbackDelivery(CallbackDelivery.NEVER);
        String never = start("instant", callback("never"));
        server.callbackDelivery(CallbackDelivery.AFTER_END);
        time.addAndGet(1_000);
        start("instant", callback("sentinel"));
        await(() -> received.size() == 1);
        assertThat(received.get(0).path()).endsWith("/sentinel");
        assertThat(sentFor(never)).isEmpty();
    }

    @Test
    void beforeRecordCallsWhileTheRecordStillSaysRunning() throws Exception {
        server.callbackDelivery(CallbackDelivery.BEFORE_RECORD);
        String id = start("ten", callback("early"));
        time.addAndGet(9_700);
        await(() -> received.size() == 1);
        assertThat(received.get(0).body().get("state").getAsString()).isEqualTo("Running");
        assertThat(server.execution(id).state()).isEqualTo("Running");
        assertThat(server.execution(id).finishedAt()).isNull();
    }

    @Test
    void twiceCallsAgain300MillisLater() throws Exception {
        server.callbackDelivery(CallbackDelivery.TWICE);
        String id = start("ten", callback("dup"));
        time.addAndGet(10_000);
        await(() -> received.size() == 1);
        time.addAndGet(300);
        await(() -> received.size() == 2);
        await(() -> sentFor(id).size() == 2);
        assertThat(sentFor(id).get(1).sentAtMillis() - sentFor(id).get(0).sentAtMillis())
                .isGreaterThanOrEqualTo(300);
    }

    @Test
    void lateCallsThreeSecondsAfterTheEnd() throws Exception {
        server.callbackDelivery(CallbackDelivery.LATE);
        String id = start("ten", callback("late"));
        server.callbackDelivery(CallbackDelivery.AFTER_END);
        time.addAndGet(12_000);
        start("instant", callback("sentinel"));
        await(() -> received.size() == 1);
        assertThat(sentFor(id)).isEmpty();
        time.addAndGet(1_000);
        await(() -> received.size() == 2);
        assertThat(received.get(1).path()).endsWith("/late");
    }

    @Test
    void aCancelledRunIsAnnouncedToo() throws Exception {
        String id = start("ten", callback("cancelled"));
        HttpResponse<String> cancel = send("POST", "/workspace/ws1/executions/" + id + "/cancel", "");
        assertThat(cancel.statusCode()).isEqualTo(200);
        await(() -> received.size() == 1);
        assertThat(received.get(0).body().get("state").getAsString()).isEqualTo("Cancelled");
    }

    @Test
    void excludeDefaultMetadataSendsTheBodyAsGiven() throws Exception {
        start("instant", "{\"url\":\"" + hook("a") + "\",\"body\":{\"build\":7},\"excludeDefaultMetadata\":true}");
        await(() -> received.size() == 1);
        assertThat(received.get(0).body().toString()).isEqualTo("{\"build\":7}");
    }

    @Test
    void theMetadataVariantsNestOrLeaveOut() throws Exception {
        server.callbackMetadata(CallbackMetadata.NESTED);
        String nested = start("instant", "{\"url\":\"" + hook("a") + "\",\"body\":{\"build\":7}}");
        await(() -> received.size() == 1);
        server.callbackMetadata(CallbackMetadata.NONE);
        start("instant", "{\"url\":\"" + hook("b") + "\",\"body\":{\"build\":7}}");
        await(() -> received.size() == 2);
        JsonObject first = received.get(0).body();
        assertThat(first.get("build").getAsInt()).isEqualTo(7);
        assertThat(first.getAsJsonObject("metadata").get("execution_id").getAsString())
                .isEqualTo(nested);
        assertThat(received.get(1).body().toString()).isEqualTo("{\"build\":7}");
    }

    @Test
    void anUnreachableUrlIsRecordedWithoutAStatus() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String id = start("instant", "{\"url\":\"http://127.0.0.1:" + closedPort + "/hook/x\"}");
        await(() -> sentFor(id).size() == 1);
        assertThat(sentFor(id).get(0).status()).isEqualTo(-1);
    }

    @Test
    void aUrlThatCannotBeCalledIsRecordedAndTheOthersStillGo() throws Exception {
        String bad = start("instant", "{\"url\":\"http://127.0.0.1:1/a b\"}");
        start("instant", callback("after"));
        await(() -> received.size() == 1);
        await(() -> sentFor(bad).size() == 1);
        assertThat(sentFor(bad).get(0).status()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "{}",
                "{\"url\":7}",
                "{\"url\":\"http://x/\",\"headers\":[]}",
                "{\"url\":\"http://x/\",\"headers\":{\"a\":{}}}",
                "{\"url\":\"http://x/\",\"body\":\"text\"}",
                "{\"url\":\"http://x/\",\"disableSSL\":\"yes\"}"
            })
    void aCallbackOfAnotherShapeIsRefusedAndStartsNothing(String callback) throws Exception {
        HttpResponse<String> response =
                send("POST", "/workspace/ws1/playbooks/instant/execute", "{\"callback\":" + callback + "}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("callback");
        assertThat(server.executions()).isEmpty();
    }

    @Test
    void closeStopsTheSender() throws Exception {
        start("instant", callback("a"));
        await(() -> received.size() == 1);
        assertThat(senderThreads()).isPositive();
        server.close();
        await(() -> senderThreads() == 0);
    }

    private static long senderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("fake-blink-callbacks") && t.isAlive())
                .count();
    }

    private List<SentCallback> sentFor(String executionId) {
        return server.callbacks().stream()
                .filter(c -> c.executionId().equals(executionId))
                .toList();
    }

    private String hook(String name) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + name;
    }

    private String callback(String name) {
        return "{\"url\":\"" + hook(name) + "\"}";
    }

    private String start(String workflow, String callback) throws Exception {
        HttpResponse<String> response =
                send("POST", "/workspace/ws1/playbooks/" + workflow + "/execute", "{\"callback\":" + callback + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body())
                .getAsJsonObject()
                .get("execution_id")
                .getAsString();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + Route.API_PREFIX + path))
                .header("BLINK-API-KEY", KEY)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for what the sender thread does; the timeout only keeps a broken fake from hanging. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                fail("not within 20 s");
            }
            Thread.sleep(5);
        }
    }
}
