package io.jenkins.plugins.blinkops.core.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a post-build action starts its workflow, by the build's result so far. Results are
 * Jenkins' names ({@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE}, {@code NOT_BUILT},
 * {@code ABORTED}), taken as text so that the engine needs no Jenkins class.
 */
public enum TriggerCondition {
    ALWAYS,
    SUCCESS,
    /** Success or unstable: the build produced something. */
    SUCCESS_OR_UNSTABLE,
    /** Unstable, failed or aborted: something needs attention. */
    UNSTABLE_OR_WORSE,
    FAILURE,
    ABORTED;

    /** Whether a build that ended with {@code result} triggers the workflow; no result yet counts as success. */
    public boolean matches(String result) {
        String r = result == null ? "SUCCESS" : result;
        return switch (this) {
            case ALWAYS -> true;
            case SUCCESS -> r.equals("SUCCESS");
            case SUCCESS_OR_UNSTABLE -> r.equals("SUCCESS") || r.equals("UNSTABLE");
            case UNSTABLE_OR_WORSE -> !r.equals("SUCCESS");
            case FAILURE -> r.equals("FAILURE");
            case ABORTED -> r.equals("ABORTED");
        };
    }

    /**
     * The facts about the build that a post-build action sends as inputs, so that the workflow knows
     * what happened without any configuration. Inputs the user set by the same names win.
     */
    public static Map<String, String> buildFacts(String jobName, int buildNumber, String buildUrl, String result) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("jenkins_job", jobName);
        facts.put("jenkins_build_number", Integer.toString(buildNumber));
        facts.put("jenkins_build_url", buildUrl == null ? "" : buildUrl);
        facts.put("jenkins_build_result", result == null ? "SUCCESS" : result);
        return facts;
    }
}
