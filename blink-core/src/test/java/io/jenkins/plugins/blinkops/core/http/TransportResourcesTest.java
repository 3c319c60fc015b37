package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a call holds on to: connections, deadline timers, concurrent requests. Nothing once it ended. */
class TransportResourcesTest {
    private FakeBlinkServer server;

    @BeforeEach
    void start() {
        server = FakeBlinkServer.start();
        server.workspace("ws-1", "Ops");
        server.workflow("ws-1", "wf-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aCallThatEndedLeavesNoDeadlineTimerBehind() throws Exception {
        // a long call timeout: a cancelled abort kept until its time would sit in the queue for a minute
        BlinkTransport transport = BlinkTransport.forSettings(Fixtures.settings(server)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(61)));
        BlinkClient client = new BlinkClient(transport, ApiKey.of(Fixtures.KEY));
        String id =
                client.startExecution(ExecutionRequest.builder("ws-1", "wf-1").build());
        for (int i = 0; i < 200; i++) {
            client.getExecution("ws-1", id, 100);
        }
        assertThat(BlinkTransport.pendingDeadlines()).isZero();
        assertThat(transport.leasedConnections()).isZero();
    }

    @Test
    void aDeadlineAbortsItsCallUnlessTheCallEndedFirst() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        AtomicBoolean abortedAfterClose = new AtomicBoolean();
        long soon = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        CallDeadlines.SHARED.abortAt(soon, aborted::countDown);
        CallDeadlines.SHARED.abortAt(soon, () -> abortedAfterClose.set(true)).close();

        assertThat(aborted.await(5, TimeUnit.SECONDS)).as("aborted").isTrue();
        Thread.sleep(3 * CallDeadlines.TICK_MILLIS);
        assertThat(abortedAfterClose).isFalse();
        assertThat(CallDeadlines.SHARED.pending()).isZero();
    }

    @Test
    void requestsInFlightNeverExceedTheConfiguredMaximum() throws Exception {
        int max = 3;
        BlinkTransport transport =
                BlinkTransport.forSettings(Fixtures.settings(server).withMaxConcurrentRequests(max));
        BlinkClient client = new BlinkClient(transport, ApiKey.of(Fixtures.KEY));
        String id =
                client.startExecution(ExecutionRequest.builder("ws-1", "wf-1").build());
        int calls = 40;
        // every answer takes a while, so that calls pile up behind the pool's limit
        server.fault(Route.GET_EXECUTION, Fault.slow(Duration.ofMillis(30)), calls);
        server.resetPeakInFlight();
        ExecutorService threads = Executors.newFixedThreadPool(calls);
        try {
            List<Future<ExecutionStatus>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(threads.submit(() -> client.getExecution("ws-1", id, 100)));
            }
            for (Future<ExecutionStatus> result : results) {
                assertThat(result.get().executionId()).isEqualTo(id);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(server.count(Route.GET_EXECUTION)).isEqualTo(calls);
        assertThat(server.peakInFlight()).isLessThanOrEqualTo(max).isGreaterThanOrEqualTo(2);
        assertThat(server.inFlight()).isZero();
        assertThat(transport.leasedConnections()).isZero();
    }
}
