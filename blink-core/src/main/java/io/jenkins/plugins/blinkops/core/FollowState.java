package io.jenkins.plugins.blinkops.core;

import java.io.Serializable;
import java.time.Duration;

/**
 * A wait in progress, in plain data: what a Pipeline step saves so that it can go on polling after
 * a Jenkins restart. It holds no key and no connection.
 *
 * @param startedAtMillis  when the execution was started (epoch ms, Jenkins' clock)
 * @param deadlineMillis   when the wait gives up (epoch ms)
 * @param lastState        the state last seen, or {@code null} before the first poll
 * @param failedPolls      polls in a row that got no usable answer
 */
public record FollowState(
        String workspaceId,
        String workflowId,
        String executionId,
        long startedAtMillis,
        long deadlineMillis,
        String lastState,
        int failedPolls)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static FollowState started(
            String workspaceId, String workflowId, String executionId, long nowMillis, Duration timeout) {
        return new FollowState(
                workspaceId, workflowId, executionId, nowMillis, nowMillis + timeout.toMillis(), null, 0);
    }

    public Duration elapsed(long nowMillis) {
        return Duration.ofMillis(Math.max(0, nowMillis - startedAtMillis));
    }

    FollowState seen(String state) {
        return new FollowState(workspaceId, workflowId, executionId, startedAtMillis, deadlineMillis, state, 0);
    }

    FollowState pollFailed() {
        return new FollowState(
                workspaceId, workflowId, executionId, startedAtMillis, deadlineMillis, lastState, failedPolls + 1);
    }
}
