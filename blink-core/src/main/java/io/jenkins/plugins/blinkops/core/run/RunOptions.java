package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
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
 * @param callbackPolling how often a wait polls when Blink was asked to call back at the end: only
 *     a fallback, for a callback that never comes
 * @param onPaused       what a wait does when Blink shows the run paused for a person
 * @param progress       whether the wait prints each step of the run as it starts and ends (one more
 *     call to Blink per poll, unless the run's record holds its steps)
 */
public record RunOptions(
        WaitMode waitMode,
        Duration timeout,
        PollingPolicy polling,
        FailureHandling onFailure,
        boolean cancelOnAbort,
        boolean printOutputs,
        long maxOutputBytes,
        PollingPolicy callbackPolling,
        PausedHandling onPaused,
        boolean progress) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

    public static final RunOptions DEFAULT = new RunOptions(
            WaitMode.FOLLOW,
            DEFAULT_TIMEOUT,
            PollingPolicy.DEFAULT,
            FailureHandling.FAILURE,
            true,
            true,
            DEFAULT_MAX_OUTPUT_BYTES,
            PollingPolicy.CALLBACK_FALLBACK,
            PausedHandling.WAIT,
            true);

    public RunOptions {
        Objects.requireNonNull(waitMode, "waitMode");
        Objects.requireNonNull(polling, "polling");
        Objects.requireNonNull(callbackPolling, "callbackPolling");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(onPaused, "onPaused");
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new InvalidInputException("timeout", "must be more than zero");
        }
        if (maxOutputBytes < 0) {
            throw new InvalidInputException("maxOutputBytes", "must be zero or more");
        }
    }

    public RunOptions withWaitMode(WaitMode mode) {
        return new RunOptions(
                mode,
                timeout,
                polling,
                onFailure,
                cancelOnAbort,
                printOutputs,
                maxOutputBytes,
                callbackPolling,
                onPaused,
                progress);
    }

    public RunOptions withTimeout(Duration newTimeout) {
        return new RunOptions(
                waitMode,
                newTimeout,
                polling,
                onFailure,
                cancelOnAbort,
                printOutputs,
                maxOutputBytes,
                callbackPolling,
                onPaused,
                progress);
    }

    public RunOptions withPolling(PollingPolicy policy) {
        return new RunOptions(
                waitMode,
                timeout,
                policy,
                onFailure,
                cancelOnAbort,
                printOutputs,
                maxOutputBytes,
                callbackPolling,
                onPaused,
                progress);
    }

    public RunOptions withOnFailure(FailureHandling handling) {
        return new RunOptions(
                waitMode,
                timeout,
                polling,
                handling,
                cancelOnAbort,
                printOutputs,
                maxOutputBytes,
                callbackPolling,
                onPaused,
                progress);
    }

    public RunOptions withCancelOnAbort(boolean cancel) {
        return new RunOptions(
                waitMode,
                timeout,
                polling,
                onFailure,
                cancel,
                printOutputs,
                maxOutputBytes,
                callbackPolling,
                onPaused,
                progress);
    }

    public RunOptions withPrintOutputs(boolean print) {
        return new RunOptions(
                waitMode,
                timeout,
                polling,
                onFailure,
                cancelOnAbort,
                print,
                maxOutputBytes,
                callbackPolling,
                onPaused,
                progress);
    }

    public RunOptions withCallbackPolling(PollingPolicy policy) {
        return new RunOptions(
                waitMode,
                timeout,
                polling,
                onFailure,
                cancelOnAbort,
                printOutputs,
                maxOutputBytes,
                policy,
                onPaused,
                progress);
    }

    public RunOptions withMaxOutputBytes(long max) {
        return new RunOptions(
                waitMode,
                timeout,
                polling,
                onFailure,
                cancelOnAbort,
                printOutputs,
                max,
                callbackPolling,
                onPaused,
                progress);
    }

    public RunOptions withOnPaused(PausedHandling handling) {
        return new RunOptions(
                waitMode,
                timeout,
                polling,
                onFailure,
                cancelOnAbort,
                printOutputs,
                maxOutputBytes,
                callbackPolling,
                handling,
                progress);
    }

    public RunOptions withProgress(boolean print) {
        return new RunOptions(
                waitMode,
                timeout,
                polling,
                onFailure,
                cancelOnAbort,
                printOutputs,
                maxOutputBytes,
                callbackPolling,
                onPaused,
                print);
    }
}
