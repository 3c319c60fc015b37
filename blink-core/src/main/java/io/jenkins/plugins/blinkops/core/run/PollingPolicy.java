package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.time.Duration;

/**
 * How often an execution is polled while following it: soon at first, since many workflows are
 * short, then less and less often up to a cap, so that a long workflow costs few requests. The next
 * delay depends only on the time elapsed since the start, never on a count kept in memory, so a
 * wait resumed after a Jenkins restart polls as if it had never stopped.
 *
 * @param initialInterval the first delay, and the shortest
 * @param growth          the delay is {@code growth - 1} times the time elapsed (2 doubles it each poll)
 * @param maxInterval     the longest delay, and so how late the end of a run may be noticed
 */
public record PollingPolicy(Duration initialInterval, double growth, Duration maxInterval) {

    public static final PollingPolicy DEFAULT = new PollingPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(15));

    /**
     * While Blink is to call back at the end, polling only covers a callback that never comes: a
     * first look after a minute, then ever less often up to every five minutes. A run of up to four
     * minutes so costs at most three reads; if Blink cannot reach Jenkins, its end is seen up to
     * five minutes late, which is why the callback is opt-in.
     */
    public static final PollingPolicy CALLBACK_FALLBACK =
            new PollingPolicy(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(5));

    public PollingPolicy {
        if (initialInterval == null || initialInterval.isNegative() || initialInterval.isZero()) {
            throw new InvalidInputException("initialInterval", "must be more than zero");
        }
        if (!(growth >= 1.0)) {
            throw new InvalidInputException("growth", "must be at least 1, was " + growth);
        }
        if (maxInterval == null || maxInterval.compareTo(initialInterval) < 0) {
            throw new InvalidInputException("maxInterval", "must be at least the initial interval");
        }
    }

    /** The delay before the next poll, {@code elapsed} after the execution started. */
    public Duration nextDelay(Duration elapsed) {
        long grown = (long) (elapsed.toMillis() * (growth - 1.0));
        long clamped = Math.max(initialInterval.toMillis(), Math.min(grown, maxInterval.toMillis()));
        return Duration.ofMillis(clamped);
    }
}
