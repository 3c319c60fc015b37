package io.jenkins.plugins.blinkops.core.model;

/**
 * One step of an execution as Blink reports it ({@code GET .../executions/{id}/steps}).
 *
 * @param errorMessage what went wrong in the step, or {@code null}
 */
public record StepResult(String stepId, ExecutionState state, String errorMessage) {

    /** A step that ended and did not complete: where a failed run went wrong. */
    public boolean failed() {
        return state.isTerminal() && !state.isSuccess();
    }
}
