package io.jenkins.plugins.blinkops.call;

import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import java.io.Serializable;
import java.time.Duration;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * How a build waits for its workflow and what a bad result does to it, in plain serializable data:
 * a Pipeline step keeps it across a controller restart and rebuilds the engine's {@link RunOptions}.
 */
@Restricted(NoExternalUse.class)
public record RunSettings(
        WaitMode waitMode, int timeoutMinutes, FailureHandling onFailure, boolean cancelOnAbort, boolean printOutputs)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws io.jenkins.plugins.blinkops.core.target.InvalidInputException when the timeout is not positive */
    public RunOptions toRunOptions() {
        return RunOptions.DEFAULT
                .withWaitMode(waitMode)
                .withTimeout(Duration.ofMinutes(timeoutMinutes))
                .withOnFailure(onFailure)
                .withCancelOnAbort(cancelOnAbort)
                .withPrintOutputs(printOutputs);
    }
}
