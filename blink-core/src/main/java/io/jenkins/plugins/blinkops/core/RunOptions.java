package io.jenkins.plugins.blinkops.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How a build runs a workflow: whether and how long it waits, what a bad result does to it, and how
 * much of the outputs it keeps.
 *
 * @param timeout        how long to wait for the workflow to end (FOLLOW and SYNC)
 * @param cancelOnAbort  whether aborting the build asks Blink to cancel the execution
 * @param printOutputs   whether the outputs are written to the build log
 * @param maxOutputBytes how much of the outputs is kept and printed (characters, about bytes)
 */
public record RunOptions(
        WaitMode waitMode,
        Duration timeout,
        PollingPolicy polling,
        FailureHandling onFailure,
        boolean cancelOnAbort,
        boolean printOutputs,
        long maxOutputBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

    public static final RunOptions DEFAULT = new RunOptions(
            WaitMode.FOLLOW,
            DEFAULT_TIMEOUT,
            PollingPolicy.DEFAULT,
            FailureHandling.FAILURE,
            true,
            true,
            DEFAULT_MAX_OUTPUT_BYTES);

    public RunOptions {
        Objects.requireNonNull(waitMode, "waitMode");
        Objects.requireNonNull(polling, "polling");
        Objects.requireNonNull(onFailure, "onFailure");
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new InvalidInputException("timeout", "must be more than zero");
        }
        if (maxOutputBytes < 0) {
            throw new InvalidInputException("maxOutputBytes", "must be zero or more");
        }
    }

    public RunOptions withWaitMode(WaitMode mode) {
        return new RunOptions(mode, timeout, polling, onFailure, cancelOnAbort, printOutputs, maxOutputBytes);
    }

    public RunOptions withTimeout(Duration newTimeout) {
        return new RunOptions(waitMode, newTimeout, polling, onFailure, cancelOnAbort, printOutputs, maxOutputBytes);
    }

    public RunOptions withPolling(PollingPolicy policy) {
        return new RunOptions(waitMode, timeout, policy, onFailure, cancelOnAbort, printOutputs, maxOutputBytes);
    }

    public RunOptions withOnFailure(FailureHandling handling) {
        return new RunOptions(waitMode, timeout, polling, handling, cancelOnAbort, printOutputs, maxOutputBytes);
    }

    public RunOptions withCancelOnAbort(boolean cancel) {
        return new RunOptions(waitMode, timeout, polling, onFailure, cancel, printOutputs, maxOutputBytes);
    }

    public RunOptions withPrintOutputs(boolean print) {
        return new RunOptions(waitMode, timeout, polling, onFailure, cancelOnAbort, print, maxOutputBytes);
    }

    public RunOptions withMaxOutputBytes(long max) {
        return new RunOptions(waitMode, timeout, polling, onFailure, cancelOnAbort, printOutputs, max);
    }
}
