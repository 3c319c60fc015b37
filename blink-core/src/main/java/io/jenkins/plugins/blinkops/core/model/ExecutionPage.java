package io.jenkins.plugins.blinkops.core.model;

import java.util.List;

/**
 * One page of "List playbook executions with filtering": {@code {limit, offset, total, results}},
 * each run read only as far as finding a start again, or seeing which runs changed, needs.
 *
 * @param total the runs the query matched, or {@code -1} when Blink did not say
 */
public record ExecutionPage(List<Listed> results, int total) {

    /**
     * One listed run.
     *
     * @param workflowId its {@code playbook_id}, or {@code null}
     * @param createdAt  epoch milliseconds, or {@code null}
     * @param hasEvent   whether the listing carried the run's {@code event} (the reference's listing
     *     does not show one; the record of the run has it)
     * @param nonce      {@code event.jenkins.nonce} when listed, else {@code null}
     * @param state      its {@code state_ui}, else its {@code state}, or {@code null}
     * @param updatedAt  epoch milliseconds by Blink's clock, or {@code null}
     */
    public record Listed(
            String id,
            String workflowId,
            Long createdAt,
            boolean hasEvent,
            String nonce,
            String state,
            Long updatedAt) {}
}
