package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A wait in progress, in plain data: what a Pipeline step saves so that it can go on polling after
 * a Jenkins restart. It holds no key and no connection.
 *
 * @param workflowId       {@code null} while following an execution started elsewhere whose record
 *                         has not been read yet
 * @param startedAtMillis  when the execution was started, or the wait for one started elsewhere
 *                         began; this and every other point in time is in {@link WaitClock}
 *                         milliseconds (epoch ms in a wait saved before that clock)
 * @param deadlineMillis   when the wait gives up
 * @param lastState        the state last seen, or {@code null} before the first poll
 * @param failedPolls      polls in a row that got no usable answer
 * @param callbackArmed    whether Blink was asked to call back at the end, so polling is only the fallback
 * @param wokenAtMillis    when Blink's callback last woke the wait, or 0
 * @param pausedAtMillis   when the wait first saw the run paused for a person, or 0 while it is
 *                         not paused
 * @param printedSteps     the step lines already printed, or {@code null} for none
 * @param observedAtMillis when this state was made (its last poll, or the start)
 * @param observedAtWallMillis the wall clock at {@code observedAtMillis} (epoch ms), or 0 in a wait
 *                         saved before: how a restart tells the time the controller was down
 *
 * <p>Saved with a Pipeline and read back after a restart, also by a later version of the plugin: a
 * member added since reads back as 0, {@code false} or {@code null}, so each added member means
 * "as before it existed" by that value (0: not paused; {@code null}: no step printed).
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
        long wokenAtMillis,
        long pausedAtMillis,
        StepMarks printedSteps,
        long observedAtMillis,
        long observedAtWallMillis)
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
                0,
                0,
                null,
                0,
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
        return with(status.workflowId(), lastState, failedPolls, wokenAtMillis, pausedAtMillis, printedSteps);
    }

    /** This wait, woken by Blink's callback at {@code nowMillis}: it polls soon again for a while. */
    FollowState woken(long nowMillis) {
        return with(workflowId, lastState, failedPolls, nowMillis, pausedAtMillis, printedSteps);
    }

    public Duration elapsed(long nowMillis) {
        return Duration.ofMillis(Math.max(0, nowMillis - startedAtMillis));
    }

    FollowState seen(String state) {
        return with(workflowId, state, 0, wokenAtMillis, pausedAtMillis, printedSteps);
    }

    FollowState pollFailed() {
        return with(workflowId, lastState, failedPolls + 1, wokenAtMillis, pausedAtMillis, printedSteps);
    }

    /** Whether the wait has seen the run paused, and not seen it go on since. */
    boolean paused() {
        return pausedAtMillis != 0;
    }

    /**
     * Whether a page showing the run would change from {@code before} to this: another state, or
     * the run seen paused for a person, or going on again. Polls that change nothing else are many.
     */
    boolean looksDifferentFrom(FollowState before) {
        return !Objects.equals(lastState, before.lastState) || paused() != before.paused();
    }

    /** This wait, with the run paused since {@code sinceMillis}, or going on again (0). */
    FollowState pausedSince(long sinceMillis) {
        return with(workflowId, lastState, failedPolls, wokenAtMillis, sinceMillis, printedSteps);
    }

    /** The step lines printed so far: none for a wait saved before steps were printed. */
    StepMarks steps() {
        return printedSteps == null ? StepMarks.NONE : printedSteps;
    }

    FollowState withSteps(StepMarks marks) {
        return with(workflowId, lastState, failedPolls, wokenAtMillis, pausedAtMillis, marks);
    }

    /** This wait, as made at {@code nowMillis} of its clock, when the wall clock read {@code wallMillis}. */
    FollowState observed(long nowMillis, long wallMillis) {
        return new FollowState(
                workspaceId,
                workflowId,
                executionId,
                startedAtMillis,
                deadlineMillis,
                lastState,
                failedPolls,
                callbackArmed,
                wokenAtMillis,
                pausedAtMillis,
                printedSteps,
                nowMillis,
                wallMillis);
    }

    /**
     * This wait, read back after a controller restart, on the clock of the JVM that goes on with
     * it: every point moves so that the time since it was made is the wall clock's time since then,
     * never less than none (a wall clock set back while Jenkins was down stretches no wait). The
     * time the controller was down is part of the wait, as for Jenkins' own {@code timeout} step. A
     * wait saved before it knew the wall clock's reading is left as it is, in epoch milliseconds.
     */
    public FollowState resumed(WaitClock clock) {
        if (observedAtWallMillis == 0) {
            return this;
        }
        long down = Math.max(0, clock.wallMillis() - observedAtWallMillis);
        long now = clock.millis();
        long shift = now - down - observedAtMillis;
        return new FollowState(
                workspaceId,
                workflowId,
                executionId,
                startedAtMillis + shift,
                deadlineMillis + shift,
                lastState,
                failedPolls,
                callbackArmed,
                wokenAtMillis == 0 ? 0 : wokenAtMillis + shift,
                // 0 means "not paused": a moved pause stays one
                pausedAtMillis == 0 ? 0 : Math.max(1, pausedAtMillis + shift),
                printedSteps,
                // the same moment as before, on this clock: resuming twice moves nothing more
                now - down,
                observedAtWallMillis);
    }

    /** The wait's time left at {@code nowMillis}: none once the deadline has passed. */
    public Duration remaining(long nowMillis) {
        return Duration.ofMillis(Math.max(0, deadlineMillis - nowMillis));
    }

    /** This wait with what a poll, a first read or a callback changes; the rest is fixed at the start. */
    private FollowState with(String workflow, String state, int failed, long woken, long paused, StepMarks marks) {
        return new FollowState(
                workspaceId,
                workflow,
                executionId,
                startedAtMillis,
                deadlineMillis,
                state,
                failed,
                callbackArmed,
                woken,
                paused,
                marks,
                observedAtMillis,
                observedAtWallMillis);
    }
}
