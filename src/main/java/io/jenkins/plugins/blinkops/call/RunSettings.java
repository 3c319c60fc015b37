package io.jenkins.plugins.blinkops.call;

import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.PausedHandling;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import java.io.Serializable;
import java.time.Duration;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * How a build waits for its workflow and what a bad result does to it, in plain serializable data:
 * a Pipeline step keeps it across a controller restart and rebuilds the engine's {@link RunOptions}.
 *
 * @param onPaused     {@code null} in a step saved before it was a setting: {@link PausedHandling#WAIT}
 * @param hideProgress the inverse of the step's {@code progress}, so that a step saved before
 *     progress was printed (which reads {@code false} here) prints it, as a new one does by default
 */
@Restricted(NoExternalUse.class)
public record RunSettings(
        WaitMode waitMode,
        int timeoutMinutes,
        FailureHandling onFailure,
        boolean cancelOnAbort,
        boolean printOutputs,
        PausedHandling onPaused,
        boolean hideProgress)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws io.jenkins.plugins.blinkops.core.target.InvalidInputException when the timeout is not positive */
    public RunOptions toRunOptions() {
        return RunOptions.DEFAULT
                .withWaitMode(waitMode)
                .withTimeout(Duration.ofMinutes(timeoutMinutes))
                .withOnFailure(onFailure)
                .withCancelOnAbort(cancelOnAbort)
                .withPrintOutputs(printOutputs)
                .withOnPaused(onPaused == null ? PausedHandling.WAIT : onPaused)
                .withProgress(!hideProgress);
    }
}
