package io.jenkins.plugins.blinkops.steps;

import hudson.Util;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A Pipeline step that acts on an execution by its id ({@code blinkWait}, {@code blinkCancel}),
 * found where {@link BlinkStep} says.
 */
@Restricted(NoExternalUse.class)
public abstract class ExecutionStep extends BlinkStep {
    private final String executionId;

    protected ExecutionStep(String executionId) {
        this.executionId = Util.fixEmptyAndTrim(executionId);
    }

    public String getExecutionId() {
        return executionId;
    }
}
