package io.jenkins.plugins.blinkops.call;

import io.jenkins.plugins.blinkops.core.client.ExecutionSpec;
import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.PausedHandling;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The settings that the freestyle build step, the Pipeline step and the post-build action share,
 * and their one translation into the engine's model. Inputs and event are passed in because each
 * of the three keeps them in the form that suits it (name/value rows, JSON text).
 */
@Restricted(NoExternalUse.class)
public interface WorkflowCallConfig {
    /** The default of {@code timeoutMinutes}; the form in lib/blinkops/options.jelly shows the same. */
    int DEFAULT_TIMEOUT_MINUTES = (int) RunOptions.DEFAULT_TIMEOUT.toMinutes();

    /** The name of a Blink connection of the global configuration; blank for the first one. */
    String getConnection();

    /** A Secret text credential to use instead of the connection's; blank for the connection's. */
    String getCredentialsId();

    /** Blank for the connection's default workspace. */
    String getWorkspaceId();

    String getWorkflowId();

    boolean isPassBuildParameters();

    String getRunner();

    String getTriggerType();

    WaitMode getWaitMode();

    int getTimeoutMinutes();

    FailureHandling getOnFailure();

    boolean isCancelOnAbort();

    boolean isPrintOutputs();

    boolean isStrictReferences();

    /** What the wait does when Blink shows the run paused for a person. */
    PausedHandling getOnPaused();

    /** Whether the wait prints each step of the run as it starts and ends. */
    boolean isProgress();

    /** A past execution whose inputs Blink is to run with again (Blink's {@code past_exec_ref}); blank for none. */
    String getPastExecutionRef();

    /** Whether the start tells Blink which job and build asked for it ({@code event.jenkins}). */
    boolean isSendJenkinsContext();

    default ExecutionSpec toSpec(Object inputs, Object event) {
        return new ExecutionSpec(
                getWorkspaceId(),
                getWorkflowId(),
                inputs,
                isPassBuildParameters(),
                event,
                getRunner(),
                getTriggerType(),
                getPastExecutionRef(),
                isStrictReferences());
    }

    default RunSettings toRunSettings() {
        return new RunSettings(
                getWaitMode(),
                getTimeoutMinutes(),
                getOnFailure(),
                isCancelOnAbort(),
                isPrintOutputs(),
                getOnPaused(),
                !isProgress());
    }
}
