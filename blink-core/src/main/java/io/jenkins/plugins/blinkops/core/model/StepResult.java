package io.jenkins.plugins.blinkops.core.model;

/**
 * One step of an execution as Blink reports it ({@code GET .../executions/{id}/steps}).
 *
 * @param name         the step's name when Blink gave one ({@code name} or {@code display_name},
 *     neither documented), else {@code null}
 * @param errorMessage what went wrong in the step, or {@code null}
 * @param startedAt    epoch milliseconds, or {@code null}
 * @param finishedAt   epoch milliseconds, or {@code null}
 */
public record StepResult(
        String stepId, String name, ExecutionState state, String errorMessage, Long startedAt, Long finishedAt) {

    public StepResult(String stepId, ExecutionState state, String errorMessage) {
        this(stepId, null, state, errorMessage, null, null);
    }

    /** A step that ended and did not complete: where a failed run went wrong. A paused step has not ended. */
    public boolean failed() {
        return ended() && !state.isSuccess();
    }

    /**
     * A step that is over: a paused step is not, since it goes on once a person has acted (Blink
     * counts {@code Paused} among the final states of a run, see {@link ExecutionState}).
     */
    public boolean ended() {
        return state.isTerminal() && !state.isPaused();
    }
}
