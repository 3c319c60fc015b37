package io.jenkins.plugins.blinkops.core.http;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A connection's ceiling of requests per second to Blink, shared by everything that calls it. Blink
 * publishes no rate limit, and a SaaS tenant throttles one client that asks too much: so a poll
 * reserves its slot here first and, when the second is full, is scheduled for the slot it got
 * instead of being sent now. Nothing here sleeps; the caller waits on a timer.
 *
 * <p>Up to one second's worth of requests may go at once after a quiet spell; beyond that they are
 * spaced evenly. A {@code 429} with {@code Retry-After} ({@link #slowDown}) closes the whole
 * connection for that long, so every poll of every step waits, not only the call that got it.
 */
public final class RequestBudget {
    /** A ceiling a SaaS tenant accepts from one client (Blink's own client polls one run every 2 s). */
    public static final int DEFAULT_PER_SECOND = 10;
    /** The largest ceiling that may be set: past it the budget no longer protects anything. */
    public static final int MAX_PER_SECOND = 1_000;
    /** The longest a {@code Retry-After} closes the connection, whatever the server asked. */
    static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final LongSupplier nanoClock;
    // all guarded by this, on the nano clock
    private long spacing;
    /** The first slot not given yet; a second back from now at most, which is the burst allowed. */
    private long nextFree;
    /** Before this no slot is given (a 429's {@code Retry-After}). */
    private long closedUntil;

    public RequestBudget(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime()}, or a test's simulated one */
    RequestBudget(int perSecond, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        setPerSecond(perSecond);
        long now = nanoClock.getAsLong();
        this.nextFree = now - SECOND;
        this.closedUntil = now;
    }

    /** Changes the ceiling, as the connection's configuration says; slots already given stay. */
    public synchronized void setPerSecond(int perSecond) {
        this.spacing = SECOND / requireValid(perSecond);
    }

    public synchronized int perSecond() {
        return (int) (SECOND / spacing);
    }

    /**
     * Checks a ceiling a person typed.
     *
     * @throws IllegalArgumentException naming the field when it is not within 1–{@value #MAX_PER_SECOND}
     */
    public static int requireValid(int perSecond) {
        if (perSecond < 1 || perSecond > MAX_PER_SECOND) {
            throw new IllegalArgumentException(
                    "requestsPerSecond must be between 1 and " + MAX_PER_SECOND + ", was " + perSecond);
        }
        return perSecond;
    }

    /**
     * Takes the next free slot for one request.
     *
     * @return how long to wait before sending it: zero when it may go now
     */
    public synchronized Duration reserve() {
        long now = nanoClock.getAsLong();
        long opens = Math.max(now, closedUntil);
        // after a quiet spell a second's worth may go at once, never more
        long slot = Math.max(nextFree, opens - SECOND + spacing);
        nextFree = slot + spacing;
        long wait = Math.max(slot, opens) - now;
        return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
    }

    /**
     * Blink answered {@code 429}, asking to wait {@code retryAfter}: no request of this connection is
     * given a slot before then (at most {@link #MAX_PAUSE}), and after it they go one by one, spaced.
     */
    public synchronized void slowDown(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            return;
        }
        long until = nanoClock.getAsLong() + Math.min(retryAfter.toNanos(), MAX_PAUSE.toNanos());
        closedUntil = Math.max(closedUntil, until);
        nextFree = Math.max(nextFree, until);
    }

    @Override
    public synchronized String toString() {
        return "RequestBudget[" + perSecond() + "/s]";
    }
}
