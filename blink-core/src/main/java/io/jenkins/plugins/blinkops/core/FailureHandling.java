package io.jenkins.plugins.blinkops.core;

/** What a workflow that did not succeed, or did not finish in time, does to the build. */
public enum FailureHandling {
    /** The build fails. */
    FAILURE,
    /** The build is marked unstable and goes on. */
    UNSTABLE,
    /** The build's result is left alone; the log still says what happened. */
    IGNORE
}
