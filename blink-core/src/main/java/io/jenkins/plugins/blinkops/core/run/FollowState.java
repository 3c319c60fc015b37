package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import java.io.Serializable;
import java.time.Duration;

/**
 * A wait in progress, in plain data: what a Pipeline step saves so that it can go on polling after
 * a Jenkins restart. It holds no key and no connection.
 *
 * @param workflowId       {@code null} while following an execution started elsewhere whose record
 *                         has not been read yet
 * @param startedAtMillis  when the execution was started, or the wait for one started elsewhere
 *                         began (epoch ms, Jenkins' clock)
 * @param deadlineMillis   when the wait gives up (epoch ms)
 * @param lastState        the state last seen, or {@code null} before the first poll
 * @param failedPolls      polls in a row that got no usable answer
 * @param callbackArmed    whether Blink was asked to call back at the end, so polling is only the fallback
 * @param wokenAtMillis    when Blink's callback last woke the wait (epoch ms), or 0
 */
public record FollowState(
        String workspaceId,
        String workflowId,
        String executionId,
        long startedAtMillis,
        long deadlineMillis,
        String lastState,
        int failedPolls,
        boolean callbackArmed,
        long wokenAtMillis)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static FollowState started(
            String workspaceId,
            String workflowId,
            String executionId,
            long nowMillis,
            Duration timeout,
            boolean callbackArmed) {
        return new FollowState(
                workspaceId,
                workflowId,
                executionId,
                nowMillis,
                nowMillis + timeout.toMillis(),
                null,
                0,
                callbackArmed,
                0);
    }

    /**
     * A wait for an execution started elsewhere: its workflow is not known until the first read of
     * the execution tells it ({@link #withWorkflowOf}).
     */
    static FollowState following(String workspaceId, String executionId, long nowMillis, Duration timeout) {
        return started(workspaceId, null, executionId, nowMillis, timeout, false);
    }

    /** This wait, knowing the workflow of the execution from what Blink said of it. */
    FollowState withWorkflowOf(ExecutionStatus status) {
        if (workflowId != null || status.workflowId() == null) {
            return this;
        }
        return with(status.workflowId(), lastState, failedPolls, wokenAtMillis);
    }

    /** This wait, woken by Blink's callback at {@code nowMillis}: it polls soon again for a while. */
    FollowState woken(long nowMillis) {
        return with(workflowId, lastState, failedPolls, nowMillis);
    }

    public Duration elapsed(long nowMillis) {
        return Duration.ofMillis(Math.max(0, nowMillis - startedAtMillis));
    }

    FollowState seen(String state) {
        return with(workflowId, state, 0, wokenAtMillis);
    }

    FollowState pollFailed() {
        return with(workflowId, lastState, failedPolls + 1, wokenAtMillis);
    }

    /** This wait with what a poll, a first read or a callback changes; the rest is fixed at the start. */
    private FollowState with(String workflow, String state, int failed, long woken) {
        return new FollowState(
                workspaceId,
                workflow,
                executionId,
                startedAtMillis,
                deadlineMillis,
                state,
                failed,
                callbackArmed,
                woken);
    }
}
