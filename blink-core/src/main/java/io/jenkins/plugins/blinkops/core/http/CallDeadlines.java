package io.jenkins.plugins.blinkops.core.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Aborts calls that outlive their deadline, for every transport, with one daemon thread that
 * sweeps the calls in flight every {@value #TICK_MILLIS} ms while there are any (and stops
 * {@value #IDLE_STOP_SECONDS} s after the last one).
 *
 * <p>Why not one scheduled task per call: a call that ends in time must take its task off the
 * timer's queue (kept until its time, each task would hold its request, headers and body, for the
 * whole call timeout, so memory would grow with the request rate), and a task that becomes the
 * head of an empty queue wakes the timer thread: one thread switch per call, which on two cores
 * cost about 15% of a start against a local server. Registering here is adding to a set; an abort
 * comes at most one tick late, which no timeout of seconds notices.
 */
final class CallDeadlines {
    static final long TICK_MILLIS = 50;
    static final long IDLE_STOP_SECONDS = 10;

    static final CallDeadlines SHARED = new CallDeadlines();

    private final ScheduledThreadPoolExecutor timer;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    /** Guarded by this. */
    private ScheduledFuture<?> sweeper;
    /** Guarded by this. */
    private long lastBusyNanos;

    private CallDeadlines() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "Blink call deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** One call's deadline; closing it (when the call ended) forgets it. Identity matters, not content. */
    private final class Call implements Cancellation.Registration {
        final long deadlineNanos;
        final Runnable abort;

        Call(long deadlineNanos, Runnable abort) {
            this.deadlineNanos = deadlineNanos;
            this.abort = abort;
        }

        @Override
        public void close() {
            inFlight.remove(this);
        }
    }

    /** Runs {@code abort} once {@link System#nanoTime()} passes {@code deadlineNanos}, unless closed first. */
    Cancellation.Registration abortAt(long deadlineNanos, Runnable abort) {
        Call call = new Call(deadlineNanos, abort);
        inFlight.add(call);
        synchronized (this) {
            lastBusyNanos = System.nanoTime();
            if (sweeper == null) {
                sweeper = timer.scheduleWithFixedDelay(this::sweep, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        return call;
    }

    /** Calls registered and not yet closed or aborted. */
    int pending() {
        return inFlight.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Call call : inFlight) {
            if (now - call.deadlineNanos >= 0 && inFlight.remove(call)) {
                try {
                    call.abort.run();
                } catch (RuntimeException e) {
                    // aborting is best effort: the call fails on its own timeouts then
                }
            }
        }
        synchronized (this) {
            if (!inFlight.isEmpty()) {
                lastBusyNanos = now;
            } else if (now - lastBusyNanos > TimeUnit.SECONDS.toNanos(IDLE_STOP_SECONDS) && sweeper != null) {
                sweeper.cancel(false);
                sweeper = null;
            }
        }
    }
}
