package io.jenkins.plugins.blinkops.core.model;

import java.util.Locale;
import java.util.Set;

/**
 * A state Blink reports for an execution, and what it means for a build. Blink's list of states is
 * not published; the ones its own client treats as final are known. Anything else is taken as
 * "still running" until the wait times out: better a wait that ends on its timeout than a build
 * that reports a result Blink never gave.
 */
public record ExecutionState(String name, Kind kind) {

    public enum Kind {
        /** Ended well: {@code Completed}. */
        SUCCEEDED,
        /** Ended, not well: {@code Failed}, {@code Cancelled}, {@code Timeout}, {@code Skipped}, {@code Paused}. */
        ENDED_UNSUCCESSFULLY,
        /** Known to be still going: {@code Running}, {@code In progress}, {@code Pending}, ... */
        RUNNING,
        /** A state this plugin does not know; treated as running. */
        UNKNOWN
    }

    private static final Set<String> ENDED =
            Set.of("failed", "cancelled", "canceled", "timeout", "timedout", "skipped", "paused", "error", "stopped");
    private static final Set<String> RUNNING_STATES = Set.of(
            "running",
            "inprogress",
            "pending",
            "queued",
            "new",
            "created",
            "started",
            "waiting",
            "scheduled",
            "initializing");

    /** Classifies a state as Blink spells it (any case, with spaces, dashes or underscores). */
    public static ExecutionState of(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        Kind kind;
        if (key.equals("completed") || key.equals("succeeded") || key.equals("success")) {
            kind = Kind.SUCCEEDED;
        } else if (ENDED.contains(key)) {
            kind = Kind.ENDED_UNSUCCESSFULLY;
        } else if (RUNNING_STATES.contains(key)) {
            kind = Kind.RUNNING;
        } else {
            kind = Kind.UNKNOWN;
        }
        return new ExecutionState(name == null ? "" : name, kind);
    }

    public boolean isTerminal() {
        return kind == Kind.SUCCEEDED || kind == Kind.ENDED_UNSUCCESSFULLY;
    }

    public boolean isSuccess() {
        return kind == Kind.SUCCEEDED;
    }

    /** Whether the run stopped for a person (Blink ends a paused run for its own client too). */
    public boolean isPaused() {
        return name.toLowerCase(Locale.ROOT).startsWith("paused");
    }

    @Override
    public String toString() {
        return name;
    }
}
