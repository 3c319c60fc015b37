package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.json.JsonValues;
import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.text.Durations;
import io.jenkins.plugins.blinkops.core.text.LogText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a workflow run ended, as far as the build saw it.
 *
 * @param executionId {@code null} for a synchronous run: Blink answers those with outputs only
 * @param state       the last state seen; {@code null} when the build did not wait
 * @param timedOut    whether the build stopped waiting before the workflow ended
 * @param outputs     {@code SYNC}: the object Blink answered; {@code FOLLOW}: the output of the step
 *     that finished last, by the rule of {@code LastStepOutput}; none when the run did not complete
 * @param link        Blink's page of the workflow
 * @param duration    from the start request to the end of the wait
 * @param runLink     Blink's page of this run (see {@code RunLinkTemplate}); {@code null} without an
 *     execution id
 * @param leftPaused  whether the wait ended on a run paused for a person because the user asked to
 *     go on then ({@link PausedHandling#CONTINUE}): see {@link Kind#PAUSED}
 */
public record ExecutionOutcome(
        WaitMode waitMode,
        String workspaceId,
        String workflowId,
        String executionId,
        ExecutionState state,
        boolean timedOut,
        Outputs outputs,
        String errorMessage,
        String link,
        Duration duration,
        String runLink,
        boolean leftPaused) {

    /** How a run ended for the build, in one word. */
    public enum Kind {
        /** Started and not waited for. */
        NOT_WAITED,
        SUCCEEDED,
        /**
         * Paused in Blink for a person, and the build went on as asked ({@link PausedHandling#CONTINUE}):
         * not a success, since the workflow has not ended, and no failure either; the verdict is
         * {@link BuildVerdict#SUCCESS}, leaving the build's result alone.
         */
        PAUSED,
        /** Ended unsuccessfully, or paused when the user asked a pause to fail ({@link PausedHandling#FAIL}). */
        FAILED,
        /** The wait's timeout passed first. */
        TIMED_OUT
    }

    private static final int SUMMARY_ERROR_LIMIT = 500;

    public static final String ENV_EXECUTION_ID = "BLINK_EXECUTION_ID";
    public static final String ENV_EXECUTION_URL = "BLINK_EXECUTION_URL";
    public static final String ENV_EXECUTION_STATE = "BLINK_EXECUTION_STATE";
    public static final String ENV_WORKFLOW_URL = "BLINK_WORKFLOW_URL";

    public ExecutionOutcome {
        outputs = outputs == null ? Outputs.NONE : outputs;
    }

    /** An outcome without a run link, as there was before runs had one. */
    public ExecutionOutcome(
            WaitMode waitMode,
            String workspaceId,
            String workflowId,
            String executionId,
            ExecutionState state,
            boolean timedOut,
            Outputs outputs,
            String errorMessage,
            String link,
            Duration duration) {
        this(
                waitMode,
                workspaceId,
                workflowId,
                executionId,
                state,
                timedOut,
                outputs,
                errorMessage,
                link,
                duration,
                null,
                false);
    }

    public Kind kind() {
        if (waitMode == WaitMode.NONE) {
            return Kind.NOT_WAITED;
        }
        if (timedOut) {
            return Kind.TIMED_OUT;
        }
        if (state != null && state.isSuccess()) {
            return Kind.SUCCEEDED;
        }
        return leftPaused ? Kind.PAUSED : Kind.FAILED;
    }

    /** Started and not waited for, or waited for and ended well; a run left paused has not. */
    public boolean success() {
        Kind kind = kind();
        return kind == Kind.NOT_WAITED || kind == Kind.SUCCEEDED;
    }

    /** What this outcome does to the build, given what the user asked for failures. */
    public BuildVerdict verdict(FailureHandling onFailure) {
        return success() || kind() == Kind.PAUSED ? BuildVerdict.SUCCESS : onFailure.verdict();
    }

    /** The variables later build steps see: the id always (when there is one), state and link when known. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (executionId != null) {
            env.put(ENV_EXECUTION_ID, executionId);
        }
        if (state != null) {
            env.put(ENV_EXECUTION_STATE, timedOut ? state.name() + " (wait timed out)" : state.name());
        }
        if (runLink != null) {
            env.put(ENV_EXECUTION_URL, runLink);
        }
        if (link != null) {
            env.put(ENV_WORKFLOW_URL, link);
        }
        return env;
    }

    /**
     * The Pipeline step's return value: only maps, lists, strings, numbers and booleans, which a
     * sandboxed script may read without approval.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("executionId", executionId);
        map.put("state", state == null ? null : state.name());
        map.put("success", success());
        map.put("paused", kind() == Kind.PAUSED);
        map.put("timedOut", timedOut);
        map.put("outputs", JsonValues.toJava(outputs.values()));
        map.put("outputsTruncated", outputs.truncated());
        map.put("error", errorMessage);
        // the run, as BLINK_EXECUTION_URL; the workflow's editor, as BLINK_WORKFLOW_URL
        map.put("url", runLink);
        map.put("workflowUrl", link);
        map.put("durationMillis", duration == null ? null : duration.toMillis());
        return map;
    }

    /**
     * What a row of the build page says beside the execution's id, state and duration, which it
     * shows in columns of their own: {@code null} for a run that ended well.
     */
    public String remark() {
        if (waitMode == WaitMode.NONE) {
            return "Started; not waited for.";
        }
        if (timedOut) {
            return "The wait ended before the run did; it was not cancelled in Blink.";
        }
        if (state.isPaused()) {
            return "Paused: a step waits for a person (an approval or a form) in Blink.";
        }
        return errorMessage == null || errorMessage.isBlank() ? null : errorMessage;
    }

    /** One line for the build log. */
    public String summary() {
        String what = executionId == null ? "The workflow" : "Execution " + executionId;
        if (waitMode == WaitMode.NONE) {
            return what + " started; not waiting for it.";
        }
        String took = duration == null ? "" : " after " + Durations.describe(duration);
        if (timedOut) {
            String paused = state != null && state.isPaused()
                    ? "; it was paused, waiting for a person to act in Blink"
                            + (runLink == null ? "" : " (" + runLink + ")")
                    : "";
            return what + " had not finished" + took + " (last state: " + (state == null ? "none seen" : state.name())
                    + ")" + paused + "; it was not cancelled in Blink.";
        }
        String how = state.isPaused()
                ? "is paused in Blink: a step waits for a person (an approval or a form), who must act there"
                        + (runLink == null ? "" : " (" + runLink + ")")
                        + (leftPaused ? "; the build goes on without waiting for it" : "")
                : "ended " + state.name();
        // Blink's text goes into a log line and a build's error: its first line, clean and bounded
        String error = errorMessage == null || errorMessage.isBlank()
                ? ""
                : ": " + LogText.oneLine(errorMessage, SUMMARY_ERROR_LIMIT);
        return what + " " + how + took + error + ".";
    }
}
