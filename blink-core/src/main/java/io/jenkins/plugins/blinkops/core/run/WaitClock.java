package io.jenkins.plugins.blinkops.core.run;

import java.util.function.LongSupplier;

/**
 * The time waits are measured by. Within a JVM's life it moves only with {@link System#nanoTime},
 * so a step of the wall clock (NTP, an administrator) neither ends a wait nor stretches it. Its
 * readings are milliseconds that start at the wall clock's reading when it was made: points saved
 * by an earlier version in epoch milliseconds read on as they did. Across a controller restart a
 * saved wait is carried over by {@link FollowState#resumed}, with the wall clock.
 */
public final class WaitClock {
    /** This JVM's clock. */
    public static final WaitClock SYSTEM = new WaitClock(System::currentTimeMillis, System::nanoTime);

    private final LongSupplier wallMillis;
    private final LongSupplier monotonicNanos;
    private final long originMillis;
    private final long originNanos;

    /** @param wallMillis epoch milliseconds; @param monotonicNanos as {@link System#nanoTime} */
    public WaitClock(LongSupplier wallMillis, LongSupplier monotonicNanos) {
        this.wallMillis = wallMillis;
        this.monotonicNanos = monotonicNanos;
        this.originMillis = wallMillis.getAsLong();
        this.originNanos = monotonicNanos.getAsLong();
    }

    /** A simulated clock (a benchmark's): {@code millis} is both its wall clock and its monotonic one. */
    public static WaitClock simulated(LongSupplier millis) {
        return new WaitClock(millis, () -> millis.getAsLong() * 1_000_000);
    }

    /** Now, in the milliseconds waits are measured in: never moved by the wall clock. */
    public long millis() {
        return originMillis + (monotonicNanos.getAsLong() - originNanos) / 1_000_000;
    }

    /** The wall clock: only to compare with another machine's clock, or to span a restart. */
    public long wallMillis() {
        return wallMillis.getAsLong();
    }
}
