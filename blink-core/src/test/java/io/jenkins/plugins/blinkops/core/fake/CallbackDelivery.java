package io.jenkins.plugins.blinkops.core.fake;

/**
 * When, and how often, the fake makes the request an execute call's {@code callback} describes.
 * "Execute a workflow" documents the {@code callback} member but not when Blink calls it (before
 * or after its record of the run shows the end), nor whether it retries or can call twice; each
 * plausible answer is a variant a test picks with {@link FakeBlinkServer#callbackDelivery}.
 *
 * <p>Offsets are in milliseconds of the server's clock, from the moment the record shows the end
 * (a cancel included); a negative offset is the time before a natural end, which a cancel cannot
 * have, so after a cancel it is sent at once.
 */
public enum CallbackDelivery {
    /** Once, as soon as the record shows the end. The default. */
    AFTER_END(0),
    /** Once, half a second before the record shows the end: Blink notifies, then saves the run. */
    BEFORE_RECORD(-500),
    /** Twice, at the end and 300 ms later: an at-least-once delivery that duplicates. */
    TWICE(0, 300),
    /** Once, 3 s after the end: a queue between the run and the call. */
    LATE(3_000),
    /** Never: Blink cannot reach the URL (a firewall, a wrong Jenkins URL). */
    NEVER;

    private final long[] offsetsMillis;

    CallbackDelivery(long... offsetsMillis) {
        this.offsetsMillis = offsetsMillis;
    }

    /** How many calls this variant makes. */
    int calls() {
        return offsetsMillis.length;
    }

    /** When the {@code n}th call is due, by the server's clock, for a run whose record shows the end at {@code endsAt}. */
    long dueAt(int n, long endsAt, boolean cancelled) {
        long offset = offsetsMillis[n];
        return cancelled ? endsAt + Math.max(0, offset) : endsAt + offset;
    }
}
