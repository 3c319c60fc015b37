package io.jenkins.plugins.blinkops.core.http;

import static io.jenkins.plugins.blinkops.core.target.BlinkApiException.Reason.HTTP_STATUS;
import static io.jenkins.plugins.blinkops.core.target.BlinkApiException.Reason.NOT_SENT;

import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.Operation;
import java.time.Duration;

/**
 * Which failed calls may be sent again. The rule that matters most: a workflow start is sent again
 * only when Blink cannot have acted on it, so one build step never starts a workflow twice.
 */
public final class Retries {
    private Retries() {}

    /**
     * The wait before try {@code attempt + 1}, or {@code null} when {@code failure} must not be
     * retried: not retryable, out of tries, a {@code Retry-After} longer than the policy honours, or
     * a wait that would end after the call's {@code deadline} ({@link System#nanoTime()}).
     */
    static Duration waitBefore(
            RetryPolicy policy, Operation op, BlinkApiException failure, int attempt, long deadline) {
        if (attempt >= policy.maxAttempts() || !mayRetry(op, failure)) {
            return null;
        }
        Duration wait = failure.retryAfter() != null ? failure.retryAfter() : policy.backoff(attempt);
        if (wait.compareTo(policy.maxRetryAfter()) > 0) {
            return null;
        }
        boolean fitsDeadline = System.nanoTime() + wait.toNanos() < deadline;
        return fitsDeadline ? wait : null;
    }

    static boolean mayRetry(Operation op, BlinkApiException failure) {
        if (blinkCannotHaveActed(failure)) {
            return !(failure.getCause() instanceof java.net.UnknownHostException);
        }
        return op.repeatable && isTransient(failure);
    }

    /**
     * No connection, or Blink said it did nothing and to come back later (429). A 503 is not such
     * an answer: a gateway may say it after it forwarded the request.
     */
    public static boolean blinkCannotHaveActed(BlinkApiException failure) {
        return failure.reason() == NOT_SENT || (failure.reason() == HTTP_STATUS && failure.status() == 429);
    }

    /**
     * Whether a failed start may have started the workflow all the same, so that only a look at
     * Blink's runs can tell: no answer, a timeout, an answer that cannot be read, a 5xx or a 408.
     * A 4xx other than those is Blink's clear "no" (and 429, "not now").
     */
    public static boolean startIsAmbiguous(BlinkApiException failure) {
        return switch (failure.reason()) {
            case NOT_SENT -> false;
            case NO_ANSWER, TIMED_OUT, INVALID_ANSWER -> true;
            case HTTP_STATUS -> failure.status() >= 500 || failure.status() == 408;
        };
    }

    private static boolean isTransient(BlinkApiException failure) {
        return switch (failure.reason()) {
            case NO_ANSWER, TIMED_OUT -> true;
            // a 2xx answer that arrived whole and cannot be read will read the same next time
            case INVALID_ANSWER -> false;
            case HTTP_STATUS -> failure.status() == 408 || failure.status() >= 500;
            case NOT_SENT -> true;
        };
    }
}
