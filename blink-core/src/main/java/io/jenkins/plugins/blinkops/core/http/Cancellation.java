package io.jenkins.plugins.blinkops.core.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets someone other than the waiting thread stop a wait: Jenkins' abort of a Pipeline step, or a
 * test. Cancelling wakes a waiter at once and aborts an HTTP call in flight.
 */
public final class Cancellation {
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    public void cancel() {
        cancelled.countDown();
        onCancel.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /**
     * Waits for {@code time} unless cancelled or interrupted first.
     *
     * @throws InterruptedException when cancelled or interrupted
     */
    public void sleep(Duration time) throws InterruptedException {
        if (cancelled.await(time.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("cancelled");
        }
    }

    /** Ends a {@link #whileRunning} registration; closing never throws. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs {@code action} on cancel (at once if already cancelled) until the returned handle is closed. */
    public Registration whileRunning(Runnable action) {
        onCancel.add(action);
        if (isCancelled()) {
            action.run();
        }
        return () -> onCancel.remove(action);
    }
}
