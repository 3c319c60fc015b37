package io.jenkins.plugins.blinkops.core.run;

import java.io.Serializable;
import java.util.List;

/**
 * Which step lines a wait has printed, saved in its {@link FollowState} so that a wait resumed after a
 * restart prints none twice. Bounded: one key per printed line, and {@link StepProgress} prints at
 * most its limit of lines.
 *
 * @param keys   {@code s:<step id>} for a start printed, {@code e:<step id>} for an end
 * @param lines  the step lines printed
 * @param capped whether the limit was reached: the summary line is printed and no step line follows
 */
public record StepMarks(List<String> keys, int lines, boolean capped) implements Serializable {
    private static final long serialVersionUID = 1L;

    static final StepMarks NONE = new StepMarks(List.of(), 0, false);

    /** Step ids longer than this are kept by their start only: enough to tell steps apart. */
    private static final int ID_LIMIT = 100;

    public StepMarks {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    static String startKey(String stepId) {
        return "s:" + bounded(stepId);
    }

    static String endKey(String stepId) {
        return "e:" + bounded(stepId);
    }

    /** Whether the end of this step was printed. */
    boolean endPrinted(String stepId) {
        return stepId != null && keys.contains(endKey(stepId));
    }

    private static String bounded(String stepId) {
        return stepId.length() <= ID_LIMIT ? stepId : stepId.substring(0, ID_LIMIT);
    }
}
