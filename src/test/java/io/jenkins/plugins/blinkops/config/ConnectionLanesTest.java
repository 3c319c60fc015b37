package io.jenkins.plugins.blinkops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each connection's share of the call threads: a hanging connection fills only its own. */
class ConnectionLanesTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ConnectionLanes lanes = new ConnectionLanes(threads);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aHangingConnectionNeverBlocksAnothersCalls() throws Exception {
        CountDownLatch blinkAnswers = new CountDownLatch(1);
        CountDownLatch hangingEnded = new CountDownLatch(40);
        for (int i = 0; i < 40; i++) {
            lanes.submit("hanging", 4, () -> {
                awaitQuietly(blinkAnswers);
                hangingEnded.countDown();
            });
        }
        CountDownLatch otherEnded = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            lanes.submit("other", 4, otherEnded::countDown);
        }

        assertThat(otherEnded.await(10, TimeUnit.SECONDS))
                .as("the other connection's calls")
                .isTrue();
        assertThat(lanes.running("hanging")).isEqualTo(4);
        assertThat(lanes.waiting("hanging")).isEqualTo(36);

        blinkAnswers.countDown();
        assertThat(hangingEnded.await(10, TimeUnit.SECONDS))
                .as("the hanging connection's calls, in the end")
                .isTrue();
        awaitIdle("hanging");
        awaitIdle("other");
    }

    @Test
    void waitingCallsRunInTheOrderTheyCame() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            int n = i;
            lanes.submit("one", 1, () -> {
                order.add(n);
                all.countDown();
            });
        }
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).isSorted().hasSize(20);
    }

    @Test
    void aFailingCallHandsItsThreadOnAllTheSame() throws Exception {
        CountDownLatch next = new CountDownLatch(1);
        lanes.submit("one", 1, () -> {
            throw new IllegalStateException("a bug in a step");
        });
        lanes.submit("one", 1, next::countDown);
        assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
        awaitIdle("one");
    }

    private void awaitIdle(String connection) throws InterruptedException {
        // the lane counts a call out just after it ran: a bounded wait for that, no timing asserted
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lanes.running(connection) > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(lanes.running(connection)).isZero();
        assertThat(lanes.waiting(connection)).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
