package io.jenkins.plugins.blinkops.call;

import io.jenkins.plugins.blinkops.core.client.ExecutionSpec;
import io.jenkins.plugins.blinkops.core.run.FailureHandling;
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

    default ExecutionSpec toSpec(Object inputs, Object event) {
        return new ExecutionSpec(
                getWorkspaceId(),
                getWorkflowId(),
                inputs,
                isPassBuildParameters(),
                event,
                getRunner(),
                getTriggerType(),
                null,
                isStrictReferences());
    }

    default RunSettings toRunSettings() {
        return new RunSettings(getWaitMode(), getTimeoutMinutes(), getOnFailure(), isCancelOnAbort(), isPrintOutputs());
    }
}
