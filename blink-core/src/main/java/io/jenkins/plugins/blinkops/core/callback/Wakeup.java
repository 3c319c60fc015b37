package io.jenkins.plugins.blinkops.core.callback;

import io.jenkins.plugins.blinkops.core.http.Cancellation;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The doorbell of a wait that sleeps in its own thread (a freestyle build): Blink's callback rings
 * it, and the wait polls at once instead of at the end of its pause. Rings while nobody sleeps are
 * kept, one at most, so a callback that comes before the first pause is not lost.
 */
public final class Wakeup {
    private final Semaphore rung = new Semaphore(0);

    /** Wakes the sleeper, or the next one to sleep. Quick, from any thread. */
    public synchronized void ring() {
        if (rung.availablePermits() == 0) {
            rung.release();
        }
    }

    /**
     * Sleeps for {@code time} unless rung, cancelled or interrupted first.
     *
     * @return whether it was rung
     * @throws InterruptedException when cancelled or interrupted
     */
    public boolean sleep(Duration time, Cancellation cancellation) throws InterruptedException {
        boolean woken;
        Cancellation.Registration onCancel = cancellation.whileRunning(this::ring);
        try {
            woken = rung.tryAcquire(time.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            onCancel.close();
        }
        if (cancellation.isCancelled()) {
            throw new InterruptedException("cancelled");
        }
        return woken;
    }
}
