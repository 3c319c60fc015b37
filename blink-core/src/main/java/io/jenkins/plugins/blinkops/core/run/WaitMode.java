package io.jenkins.plugins.blinkops.core.run;

/** Whether, and how, a build waits for the workflow it started. */
public enum WaitMode {
    /** Start the workflow and go on; only the execution id is known. */
    NONE,
    /** Start it, then poll the execution until it ends or the timeout passes. */
    FOLLOW,
    /**
     * Let Blink hold the request until the workflow ends ({@code run_sync}). Simple, but Blink then
     * answers with the outputs only: there is no execution id to show or to cancel.
     */
    SYNC
}
