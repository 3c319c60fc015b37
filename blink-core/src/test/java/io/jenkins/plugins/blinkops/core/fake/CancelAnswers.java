package io.jenkins.plugins.blinkops.core.fake;

/**
 * What {@code POST .../executions/{id}/cancel} answers. Cancel is not in Blink's current reference
 * (a 2022 spec had it), so the fake offers the plausible pairs of answers, and the engine is
 * tested against each.
 */
public enum CancelAnswers {
    /** The 2022 spec: 200 with {@code {}}; 400 when the run is not running. */
    OLD_SPEC(200, 400),
    /** 204 with no body; 409 Conflict when the run is not running. */
    NO_CONTENT_AND_CONFLICT(204, 409);

    final int cancelled;
    final int notRunning;

    CancelAnswers(int cancelled, int notRunning) {
        this.cancelled = cancelled;
        this.notRunning = notRunning;
    }
}
