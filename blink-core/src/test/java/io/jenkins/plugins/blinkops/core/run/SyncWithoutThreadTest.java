package io.jenkins.plugins.blinkops.core.run;

import static io.jenkins.plugins.blinkops.core.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A synchronous run ({@code run_sync}) on the asynchronous client: it holds no thread while Blink
 * holds the request, and a cancel closes the connection at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncWithoutThreadTest {
    /** Long enough that no test ends because Blink answered; only a cancel ends the wait. */
    private static final Duration LONG = Duration.ofMinutes(5);

    private FakeBlinkServer server;
    private final Fixtures.CapturedLog log = new Fixtures.CapturedLog();
    private final ExecutionRequest request =
            ExecutionRequest.builder("ws-1", "wf-1").build();

    @BeforeEach
    void start() {
        server = Fixtures.serverWithWorkflow("{\"verdict\":\"contained\"}");
    }

    @AfterEach
    void stop() {
        server.close();
        assertThat(log.text()).doesNotContain(Fixtures.KEY);
    }

    private WorkflowRunner runner(BlinkClient client) {
        return new WorkflowRunner(client, options(WaitMode.SYNC).withTimeout(LONG), log.log);
    }

    @Test
    void aSynchronousRunCompletesWithItsOutputsAndTheUsualHeaders() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMillis(300));

        ExecutionOutcome outcome =
                runner(Fixtures.client(server)).runSyncAsync(request).get(30, TimeUnit.SECONDS);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.outputs().values().get("verdict").getAsString()).isEqualTo("contained");
        var sent = server.requests(Route.EXECUTE).get(0);
        assertThat(sent.header("BLINK-API-KEY")).isEqualTo(Fixtures.KEY);
        assertThat(sent.header("User-Agent")).startsWith("blinkops-jenkins-plugin/");
        assertThat(sent.query()).containsEntry("run_sync", "true").containsEntry("timeout", "300");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(log.text()).contains("\"verdict\": \"contained\"");
    }

    @Test
    void fiftyWaitingRunsHoldNoThreadEach() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofSeconds(4));
        BlinkClient client = new BlinkClient(
                BlinkTransport.forSettings(Fixtures.settings(server).withMaxConcurrentRequests(50)),
                ApiKey.of(Fixtures.KEY));
        runner(client).runSyncAsync(request).get(30, TimeUnit.SECONDS); // starts the client's own threads
        Set<Thread> before = clientThreads();

        List<CompletableFuture<ExecutionOutcome>> runs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            runs.add(runner(client).runSyncAsync(request));
        }
        awaitInFlightAtServer(50);
        Set<Thread> waiting = clientThreads();
        waiting.removeAll(before);

        assertThat(waiting).as("threads started while 50 runs wait").hasSizeLessThan(5);
        for (CompletableFuture<ExecutionOutcome> run : runs) {
            assertThat(run.get(30, TimeUnit.SECONDS).success()).isTrue();
        }
    }

    @Test
    void cancellingTheFutureClosesTheConnectionAtOnce() throws Exception {
        try (HoldingServer blink = new HoldingServer()) {
            BlinkClient client = Fixtures.client(blink.url());
            CompletableFuture<ExecutionOutcome> run = runner(client).runSyncAsync(request);
            blink.awaitRequest();

            run.cancel(true);

            assertThat(blink.closedByClient.await(5, TimeUnit.SECONDS))
                    .as("the server saw the connection close")
                    .isTrue();
            assertThat(run).isCancelled();
            assertThat(threadNames()).noneMatch(n -> n.startsWith("Blink synchronous run"));
        }
    }

    @Test
    void cancellingTheClientAbortsTheRunAsJenkinsStopDoes() throws Exception {
        try (HoldingServer blink = new HoldingServer()) {
            BlinkClient client = Fixtures.client(blink.url());
            CompletableFuture<ExecutionOutcome> run = runner(client).runSyncAsync(request);
            blink.awaitRequest();

            client.cancellation().cancel();

            assertThat(blink.closedByClient.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(java.util.concurrent.CancellationException.class);
        }
    }

    @Test
    void theBlockingRunWaitsInterruptiblyOnTheSamePath() throws Exception {
        try (HoldingServer blink = new HoldingServer()) {
            WorkflowRunner runner = runner(Fixtures.client(blink.url()));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread build = new Thread(() -> {
                try {
                    runner.run(request);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            build.start();
            blink.awaitRequest();

            build.interrupt();
            build.join(5_000);

            assertThat(build.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(blink.closedByClient.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void errorsAreTheBlockingCallsOwn() {
        BlinkClient client = Fixtures.client(server);
        ExecutionRequest unknown = ExecutionRequest.builder("ws-1", "nope").build();

        BlinkApiException blocking = org.assertj.core.api.Assertions.catchThrowableOfType(
                BlinkApiException.class, () -> client.startExecution(unknown));
        CompletableFuture<Outputs> async = client.executeSyncAsync(unknown, LONG, 1000);

        assertThatThrownBy(() -> async.get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(BlinkApiException.class)
                .hasMessage(blocking.getMessage());
    }

    @Test
    void aRetryDueAfterTheTransportClosedEndsTheCallInsteadOfLeavingItOpen() throws Exception {
        server.fault(Route.EXECUTE, io.jenkins.plugins.blinkops.core.fake.Fault.tooManyRequests(1));
        BlinkTransport transport = BlinkTransport.open(Fixtures.settings(server));
        CompletableFuture<Outputs> run =
                new BlinkClient(transport, ApiKey.of(Fixtures.KEY)).executeSyncAsync(request, LONG, 1000);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.count(Route.EXECUTE) == 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }

        transport.close();

        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void theAsynchronousClientLivesAndDiesWithItsTransport() throws Exception {
        BlinkTransport transport = BlinkTransport.open(Fixtures.settings(server));
        String ioThread = "Blink async I/O " + server.url();
        assertThat(threadNames()).noneMatch(n -> n.startsWith(ioThread));

        new BlinkClient(transport, ApiKey.of(Fixtures.KEY))
                .executeSyncAsync(request, LONG, 1000)
                .get(30, TimeUnit.SECONDS);
        assertThat(threadNames()).anyMatch(n -> n.startsWith(ioThread));

        transport.close();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threadNames().stream().anyMatch(n -> n.startsWith(ioThread)) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(threadNames()).noneMatch(n -> n.startsWith(ioThread));
    }

    @Test
    void hugeOutputsAreCutWhileTheyStreamIn() throws Exception {
        server.workflow("ws-1", "wf-1").hugeStringOutput(20_000_000);

        Outputs outputs =
                Fixtures.client(server).executeSyncAsync(request, LONG, 1000).get(30, TimeUnit.SECONDS);

        assertThat(outputs.truncated()).isTrue();
        assertThat(outputs.values().get("report").getAsString().length()).isLessThanOrEqualTo(1000);
    }

    private void awaitInFlightAtServer(int count) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.inFlight() < count && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(server.inFlight()).as("requests the fake holds").isEqualTo(count);
    }

    /** Live threads, except the fake server's own (it has one per request it holds). */
    private static Set<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("fake-blink-"))
                .collect(Collectors.toSet());
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
    }

    /** A server that reads a request and never answers, and notes when the client closes the connection. */
    private static final class HoldingServer implements AutoCloseable {
        final CountDownLatch requestRead = new CountDownLatch(1);
        final CountDownLatch closedByClient = new CountDownLatch(1);
        private final ServerSocket socket;
        private final Thread acceptor;

        HoldingServer() throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::hold, "holding server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        void awaitRequest() throws InterruptedException {
            assertThat(requestRead.await(10, TimeUnit.SECONDS))
                    .as("request received")
                    .isTrue();
        }

        private void hold() {
            try (Socket connection = socket.accept()) {
                InputStream in = connection.getInputStream();
                byte[] buffer = new byte[8192];
                int n = in.read(buffer);
                if (n > 0) {
                    requestRead.countDown();
                }
                // the client sends nothing more: the next read ends only when it closes the connection
                while (in.read(buffer) >= 0) {
                    // drain
                }
                closedByClient.countDown();
            } catch (IOException e) {
                // a reset is a close too
                closedByClient.countDown();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
