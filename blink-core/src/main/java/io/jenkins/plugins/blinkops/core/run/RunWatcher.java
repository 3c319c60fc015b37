package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.model.ExecutionState;

/**
 * Told what a wait sees while it lasts, so that a build's page can show a run before it ends: when
 * the run is known (started, or followed by its id), and each time its state changes or it is seen
 * paused for a person, or going on again. Called on the thread that polls; it must be quick.
 */
@FunctionalInterface
public interface RunWatcher {
    RunWatcher NONE = snapshot -> {};

    void seen(Snapshot snapshot);

    /**
     * The run as the wait saw it last.
     *
     * @param workflowId {@code null} for a run followed by its id, until its record was read
     * @param state      {@code null} until the run's record was first read
     * @param paused     whether it waits for a person in Blink
     * @param link       Blink's page of the workflow; {@code null} while the workflow is not known
     * @param runLink    Blink's page of the run; {@code null} when the connection's form of it needs what is not known
     */
    record Snapshot(
            String workspaceId,
            String workflowId,
            String executionId,
            ExecutionState state,
            boolean paused,
            String link,
            String runLink) {}
}
