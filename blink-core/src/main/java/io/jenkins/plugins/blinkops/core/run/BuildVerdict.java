package io.jenkins.plugins.blinkops.core.run;

/** What an outcome does to the Jenkins build, once {@link FailureHandling} has been applied. */
public enum BuildVerdict {
    /** Leave the build's result as it is. */
    SUCCESS,
    UNSTABLE,
    FAILURE
}
