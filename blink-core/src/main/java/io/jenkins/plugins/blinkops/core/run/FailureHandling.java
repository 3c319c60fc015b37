package io.jenkins.plugins.blinkops.core.run;

/** What a workflow that did not succeed, or did not finish in time, does to the build. */
public enum FailureHandling {
    /** The build fails. */
    FAILURE,
    /** The build is marked unstable and goes on. */
    UNSTABLE,
    /** The build's result is left alone; the log still says what happened. */
    IGNORE;

    /**
     * What a workflow that did not succeed does to the build; also what a post-build action does
     * with a workflow it could not start.
     */
    public BuildVerdict verdict() {
        return switch (this) {
            case FAILURE -> BuildVerdict.FAILURE;
            case UNSTABLE -> BuildVerdict.UNSTABLE;
            case IGNORE -> BuildVerdict.SUCCESS;
        };
    }
}
