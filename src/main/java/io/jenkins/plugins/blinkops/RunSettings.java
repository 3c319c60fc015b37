package io.jenkins.plugins.blinkops;

import io.jenkins.plugins.blinkops.core.FailureHandling;
import io.jenkins.plugins.blinkops.core.RunOptions;
import io.jenkins.plugins.blinkops.core.WaitMode;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a build waits for its workflow and what a bad result does to it, in plain serializable data:
 * a Pipeline step keeps it across a controller restart and rebuilds the engine's {@link RunOptions}.
 */
record RunSettings(
        WaitMode waitMode, int timeoutMinutes, FailureHandling onFailure, boolean cancelOnAbort, boolean printOutputs)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws io.jenkins.plugins.blinkops.core.InvalidInputException when the timeout is not positive */
    RunOptions toRunOptions() {
        return RunOptions.DEFAULT
                .withWaitMode(waitMode)
                .withTimeout(Duration.ofMinutes(timeoutMinutes))
                .withOnFailure(onFailure)
                .withCancelOnAbort(cancelOnAbort)
                .withPrintOutputs(printOutputs);
    }
}
