package io.jenkins.plugins.blinkops.core;

import com.google.gson.JsonObject;

/**
 * What Blink said about an execution at one moment ({@code GET .../executions/{id}}).
 *
 * @param outputs          the output parameters, or {@code null} when Blink sent none
 * @param outputsTruncated whether outputs were cut to the configured size
 * @param startedAt        epoch milliseconds, or {@code null}
 * @param finishedAt       epoch milliseconds, or {@code null}
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
        JsonObject outputs,
        boolean outputsTruncated) {}
