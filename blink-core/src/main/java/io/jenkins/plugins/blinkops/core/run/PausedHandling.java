package io.jenkins.plugins.blinkops.core.run;

/**
 * What a wait does when Blink shows the run {@code Paused}: a step waits for a person (an approval,
 * a form) or an operator paused it. Blink's own client stops waiting there; the run goes on once
 * someone acts in Blink.
 */
public enum PausedHandling {
    /** Keep waiting, within the wait's timeout: the run usually goes on once a person has acted. */
    WAIT,
    /** End the wait as a run that did not succeed (what {@link FailureHandling} says), naming who must act. */
    FAIL,
    /**
     * End the wait at once and let the build go on: the outcome is {@link ExecutionOutcome.Kind#PAUSED},
     * neither a success (the workflow has not ended) nor a failure (nothing went wrong).
     */
    CONTINUE
}
