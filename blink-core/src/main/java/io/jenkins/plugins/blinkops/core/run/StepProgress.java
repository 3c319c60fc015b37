package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.StepResult;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import io.jenkins.plugins.blinkops.core.text.Durations;
import io.jenkins.plugins.blinkops.core.text.LogText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints the steps of a run as they start and end, each line once, up to a limit: a run of thousands
 * of steps prints the limit, then one line that sends the reader to Blink, then no more.
 */
final class StepProgress {
    /** The most step lines one wait prints. */
    static final int LINE_LIMIT = 200;

    private static final int NAME_LIMIT = 100;
    private static final int ERROR_LIMIT = 200;

    private final BuildLog log;
    private final int limit;

    StepProgress(BuildLog log, int limit) {
        this.log = log;
        this.limit = limit;
    }

    /**
     * Prints what is new in {@code steps} since {@code marks}.
     *
     * @param runLink where the summary line sends the reader, or {@code null}
     * @return the marks with the lines printed now
     */
    StepMarks print(StepMarks marks, ExecutionSteps listed, String runLink) {
        if (marks.capped()) {
            return marks;
        }
        List<StepResult> steps = listed.steps();
        List<String> keys = new ArrayList<>(marks.keys());
        Set<String> printed = new HashSet<>(keys);
        int lines = marks.lines();
        for (int i = 0; i < steps.size(); i++) {
            StepResult step = steps.get(i);
            if (step.stepId() == null || step.stepId().isBlank()) {
                continue;
            }
            String end = StepMarks.endKey(step.stepId());
            String key = step.ended() ? end : started(step) ? StepMarks.startKey(step.stepId()) : null;
            if (key == null || printed.contains(key) || printed.contains(end)) {
                continue;
            }
            if (lines >= limit) {
                long more = steps.subList(i, steps.size()).stream()
                        .filter(s -> s.stepId() != null && !printed.contains(StepMarks.endKey(s.stepId())))
                        .count();
                return summarized(keys, lines, more + listed.notKept(), runLink);
            }
            log.info(step.ended() ? endLine(step) : startLine(step));
            keys.add(key);
            printed.add(key);
            lines++;
        }
        // steps the listing was too long to keep: counted, never printed one by one
        return lines >= limit && listed.notKept() > 0
                ? summarized(keys, lines, listed.notKept(), runLink)
                : new StepMarks(keys, lines, false);
    }

    private StepMarks summarized(List<String> keys, int lines, long more, String runLink) {
        log.info("… " + more + " more step" + (more == 1 ? "" : "s") + " not shown here (the log shows " + limit
                + " step lines at most); see the run in Blink" + (runLink == null ? "." : ": " + runLink));
        return new StepMarks(keys, lines, true);
    }

    /** Begun and not over: it has a start time, or a state that says it runs or waits for a person. */
    private static boolean started(StepResult step) {
        if (step.startedAt() != null || step.state().isPaused()) {
            return true;
        }
        String state = step.state().name().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        return state.equals("running") || state.equals("inprogress") || state.equals("started");
    }

    private static String startLine(StepResult step) {
        String state = LogText.oneLine(step.state().name(), NAME_LIMIT);
        String why = step.state().isPaused() ? ", waiting for a person in Blink" : "";
        return "Step " + label(step) + " started (" + state + why + ")";
    }

    private static String endLine(StepResult step) {
        StringBuilder line = new StringBuilder("Step ")
                .append(label(step))
                .append(" ended ")
                .append(LogText.oneLine(step.state().name(), NAME_LIMIT));
        if (step.startedAt() != null && step.finishedAt() != null && step.finishedAt() >= step.startedAt()) {
            line.append(" after ").append(Durations.describe(Duration.ofMillis(step.finishedAt() - step.startedAt())));
        }
        String error = step.failed() ? LogText.oneLine(step.errorMessage(), ERROR_LIMIT) : "";
        if (!error.isEmpty()) {
            line.append(": ").append(error);
        }
        return line.toString();
    }

    /** The step's name when Blink gave one, else its id; cleaned either way, as both come from Blink. */
    private static String label(StepResult step) {
        String name = LogText.oneLine(step.name(), NAME_LIMIT);
        return name.isEmpty() ? LogText.oneLine(step.stepId(), NAME_LIMIT) : name;
    }
}
