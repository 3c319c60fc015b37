package io.jenkins.plugins.blinkops.core.http;

import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often, and after how long, a call that failed in a transient way is tried again. Which
 * failures may be retried at all is {@link Failure}'s business; this only spaces the tries.
 *
 * @param maxAttempts   tries in all, the first included
 * @param initialBackoff the wait before the second try; it doubles for each further try
 * @param maxBackoff    the longest wait between two tries
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a server asking for more is not waited for
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

    /** No second try, for callers that must fail fast (form validation). */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new InvalidInputException("maxAttempts", "must be at least 1, was " + maxAttempts);
        }
        requireNonNegative("initialBackoff", initialBackoff);
        requireNonNegative("maxBackoff", maxBackoff);
        requireNonNegative("maxRetryAfter", maxRetryAfter);
    }

    /**
     * The wait before try {@code attempt + 1}, having made {@code attempt} tries: exponential with
     * "equal jitter" (between half and all of the step), so that many builds failing together do not
     * come back together.
     */
    public Duration backoff(int attempt) {
        long step = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(step, maxBackoff.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    private static void requireNonNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new InvalidInputException(name, "must be zero or more");
        }
    }
}
