package io.jenkins.plugins.blinkops.core.model;

/**
 * What Blink said about an execution at one moment ({@code GET .../executions/{id}}).
 *
 * @param stepResults the record's {@code step_results}, read as steps; {@link ExecutionSteps#NONE}
 *     when it held none
 * @param startedAt   epoch milliseconds, or {@code null}
 * @param finishedAt  epoch milliseconds, or {@code null}
 * @param updatedAt   epoch milliseconds by Blink's clock, or {@code null}: what a batched poll
 *     compares the listing with
 */
public record ExecutionStatus(
        String executionId,
        String workflowId,
        String workflowName,
        ExecutionState state,
        String errorMessage,
        String errorCode,
        Long startedAt,
        Long finishedAt,
        ExecutionSteps stepResults,
        Long updatedAt) {

    public ExecutionStatus {
        stepResults = stepResults == null ? ExecutionSteps.NONE : stepResults;
    }
}
