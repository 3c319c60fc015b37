package io.jenkins.plugins.blinkops;

import hudson.Util;

/**
 * A Pipeline step that acts on an execution by its id ({@code blinkWait}, {@code blinkCancel}),
 * found where {@link BlinkStep} says.
 */
public abstract class ExecutionStep extends BlinkStep {
    private final String executionId;

    protected ExecutionStep(String executionId) {
        this.executionId = Util.fixEmptyAndTrim(executionId);
    }

    public String getExecutionId() {
        return executionId;
    }
}
