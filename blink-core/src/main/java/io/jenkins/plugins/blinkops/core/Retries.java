package io.jenkins.plugins.blinkops.core;

import static io.jenkins.plugins.blinkops.core.BlinkApiException.Reason.HTTP_STATUS;
import static io.jenkins.plugins.blinkops.core.BlinkApiException.Reason.NOT_SENT;

/**
 * Which failed calls may be sent again. The rule that matters most: a workflow start is sent again
 * only when Blink cannot have acted on it, so one build step never starts a workflow twice.
 */
final class Retries {
    private Retries() {}

    static boolean mayRetry(Operation op, BlinkApiException failure) {
        if (blinkCannotHaveActed(failure)) {
            return !(failure.getCause() instanceof java.net.UnknownHostException);
        }
        return op.repeatable && isTransient(failure);
    }

    /** No connection, or Blink said it did nothing and to come back later. */
    static boolean blinkCannotHaveActed(BlinkApiException failure) {
        return failure.reason() == NOT_SENT
                || (failure.reason() == HTTP_STATUS && (failure.status() == 429 || failure.status() == 503));
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
