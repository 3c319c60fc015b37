package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection changed or removed in the configuration drops its old transport, but never under a
 * call: a retired transport closes when its last call ended, and a client that still holds it goes on.
 */
class TransportRetirementTest {
    private FakeBlinkServer server;
    private int openBefore;

    @BeforeEach
    void start() {
        server = FakeBlinkServer.start();
        server.workspace("ws-1", "Ops");
        server.workflow("ws-1", "wf-1");
        openBefore = BlinkTransport.openTransports();
    }

    @AfterEach
    void stop() {
        BlinkTransport.retainOnly(List.of());
        server.close();
    }

    @Test
    void twentyReconfigurationsLeaveOneTransport() throws Exception {
        ConnectionSettings current = null;
        for (int i = 1; i <= 20; i++) {
            // each save changes the connection: here its call timeout
            current = Fixtures.settings(server)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30 + i));
            new BlinkClient(BlinkTransport.forSettings(current), ApiKey.of(Fixtures.KEY)).checkConnection(null);
            BlinkTransport.retainOnly(List.of(current));
        }
        assertThat(BlinkTransport.openTransports() - openBefore).isEqualTo(1);
        assertThat(BlinkTransport.forSettings(current).leasedConnections()).isZero();

        BlinkTransport.retainOnly(List.of());
        assertThat(BlinkTransport.openTransports()).as("the connection removed").isEqualTo(openBefore);
    }

    @Test
    void aCallInFlightOnARetiredTransportCompletesAndThenItCloses() throws Exception {
        BlinkClient client =
                new BlinkClient(BlinkTransport.forSettings(Fixtures.settings(server)), ApiKey.of(Fixtures.KEY));
        String id =
                client.startExecution(ExecutionRequest.builder("ws-1", "wf-1").build());
        server.fault(Route.GET_EXECUTION, Fault.slow(Duration.ofMillis(700)), 1);
        CompletableFuture<ExecutionStatus> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return client.getExecution("ws-1", id, 100);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitValue(server::inFlight, 1);

        BlinkTransport.retainOnly(List.of());
        assertThat(BlinkTransport.openTransports() - openBefore)
                .as("kept while its call runs")
                .isEqualTo(1);

        assertThat(poll.get(10, TimeUnit.SECONDS).executionId()).isEqualTo(id);
        assertThat(BlinkTransport.openTransports())
                .as("closed by its last call")
                .isEqualTo(openBefore);
    }

    @Test
    void aSynchronousRunInFlightOnARetiredTransportCompletes() throws Exception {
        BlinkClient client =
                new BlinkClient(BlinkTransport.forSettings(Fixtures.settings(server)), ApiKey.of(Fixtures.KEY));
        server.fault(Route.EXECUTE, Fault.slow(Duration.ofMillis(700)), 1);
        CompletableFuture<Outputs> run =
                client.executeSyncAsync(ExecutionRequest.builder("ws-1", "wf-1").build(), Duration.ofSeconds(5), 1000);
        awaitValue(server::inFlight, 1);

        BlinkTransport.retainOnly(List.of());

        assertThat(run.get(10, TimeUnit.SECONDS)).isNotNull();
        // counted out just after the answer: in the background, off the client's I/O thread
        awaitValue(BlinkTransport::openTransports, openBefore);
    }

    @Test
    void aClientThatHeldARetiredTransportGoesOnOverTheSharedOne() throws Exception {
        ConnectionSettings settings = Fixtures.settings(server);
        BlinkTransport retired = BlinkTransport.forSettings(settings);
        BlinkClient client = new BlinkClient(retired, ApiKey.of(Fixtures.KEY));
        String id =
                client.startExecution(ExecutionRequest.builder("ws-1", "wf-1").build());

        BlinkTransport.retainOnly(List.of());
        assertThat(BlinkTransport.openTransports())
                .as("retired while idle: closed at once")
                .isEqualTo(openBefore);

        // a Pipeline step polls on with the client it made before the reconfiguration
        assertThat(client.getExecution("ws-1", id, 100).executionId()).isEqualTo(id);
        assertThat(BlinkTransport.forSettings(settings)).isNotSameAs(retired);
        assertThat(BlinkTransport.openTransports() - openBefore).isEqualTo(1);
    }

    /** Waits, within a bound and without asserting any timing, until {@code value} reaches {@code wanted}. */
    private static void awaitValue(IntSupplier value, int wanted) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value.getAsInt() != wanted && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(value.getAsInt()).isEqualTo(wanted);
    }
}
