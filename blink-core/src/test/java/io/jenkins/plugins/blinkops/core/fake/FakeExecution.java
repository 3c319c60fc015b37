package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One run of a workflow. It keeps no timer: its state is worked out from the server's clock at
 * each look, so a test (or a benchmark with a simulated clock) moves it on by moving the clock.
 */
public final class FakeExecution {

    /** The terminal states that carry {@code error_details}. */
    private static final Set<String> ERROR_STATES = Set.of("Failed", "Timeout");

    private final String id;
    private final String workspaceId;
    private final String workflowId;
    private final FakeWorkflow.Behaviour behaviour;
    private final LongSupplier clock;
    private final long startedAt;
    private final RecordedRequest startRequest;
    private final JsonObject startBody;
    /** Epoch ms of a successful cancel, or null. Guarded by this. */
    private Long cancelledAt;

    // The pause for a person: the reads of the record, when the pause began (null when not paused),
    // how many reads showed it, and the paused time of pauses that are over. Guarded by this.
    private int reads;
    private Long pausedAt;
    private boolean pausedOnce;
    private int readsWhilePaused;
    private long pausedBefore;
    /** When a pause last ended, or 0. Guarded by this. */
    private long resumedAt;

    FakeExecution(
            String id,
            String workspaceId,
            String workflowId,
            FakeWorkflow.Behaviour behaviour,
            LongSupplier clock,
            RecordedRequest startRequest,
            JsonObject startBody) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.workflowId = workflowId;
        this.behaviour = behaviour;
        this.clock = clock;
        this.startedAt = clock.getAsLong();
        this.startRequest = startRequest;
        this.startBody = startBody;
    }

    public String id() {
        return id;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String workflowId() {
        return workflowId;
    }

    /** The state now, in its display form ({@code state_ui}): "Pending", "Running", "Completed", ... */
    public String state() {
        return stateAt(clock.getAsLong());
    }

    /** Epoch ms, by the server's clock, when the record showed the end; null while it runs. */
    public Long finishedAt() {
        return finishedAt(clock.getAsLong());
    }

    public synchronized boolean cancelled() {
        return cancelledAt != null;
    }

    /** The execute request that started it. */
    public RecordedRequest startRequest() {
        return startRequest;
    }

    FakeWorkflow.Behaviour behaviour() {
        return behaviour;
    }

    long startedAt() {
        return startedAt;
    }

    /** The {@code input_values} object sent at start, or an empty object. */
    JsonObject inputs() {
        JsonElement inputs = startBody.get("input_values");
        return inputs != null && inputs.isJsonObject()
                ? inputs.getAsJsonObject().deepCopy()
                : new JsonObject();
    }

    /** A top-level member of the execute body ({@code event}, {@code trigger_type}), or null. */
    JsonElement startField(String name) {
        JsonElement value = startBody.get(name);
        return value == null ? null : value.deepCopy();
    }

    /** A read of the record: it may pause the run, or resume it, as its workflow says. */
    synchronized void recordRead(long now) {
        reads++;
        if (pausedAt != null) {
            if (behaviour.resumeAfterReads() > 0 && readsWhilePaused >= behaviour.resumeAfterReads()) {
                resumeAt(now);
            } else {
                readsWhilePaused++;
            }
        } else if (!pausedOnce
                && behaviour.pauseAfterReads() > 0
                && reads > behaviour.pauseAfterReads()
                && !endedAt(now)) {
            pausedAt = now;
            pausedOnce = true;
            readsWhilePaused = 1;
        }
    }

    /** A person acted in Blink: a paused run goes on. */
    public synchronized void resume() {
        if (pausedAt != null) {
            resumeAt(clock.getAsLong());
        }
    }

    public synchronized boolean paused() {
        return pausedAt != null;
    }

    private void resumeAt(long now) {
        pausedBefore += Math.max(0, now - pausedAt);
        pausedAt = null;
        resumedAt = now;
    }

    /**
     * Epoch ms of the record's last change ({@code updated_at}): its start, the end of its pending
     * time, a pause or its end, a cancel, the natural end; never moved by a mere read, so that a
     * batched poll can tell which runs changed.
     */
    synchronized long updatedAt(long now) {
        if (cancelledAt != null) {
            return cancelledAt;
        }
        if (pausedAt != null) {
            return pausedAt;
        }
        if (endedAt(now)) {
            return naturalEnd();
        }
        long pendingEnds = startedAt + pausedBefore + behaviour.pendingFor().toMillis();
        long last = Math.max(startedAt, resumedAt);
        return now >= pendingEnds ? Math.max(last, pendingEnds) : last;
    }

    /** Milliseconds of its running time by {@code now}: the time since start, less the time paused. */
    synchronized long runningMillis(long now) {
        long stop = pausedAt != null ? pausedAt : now;
        return stop - startedAt - pausedBefore;
    }

    synchronized String stateAt(long now) {
        if (cancelledAt != null) {
            return "Cancelled";
        }
        if (pausedAt != null) {
            return "Paused";
        }
        long elapsed = runningMillis(now);
        if (elapsed < behaviour.pendingFor().toMillis()) {
            return "Pending";
        }
        if (elapsed < behaviour.takes().toMillis()) {
            return behaviour.runningState();
        }
        return behaviour.terminalState();
    }

    synchronized boolean endedAt(long now) {
        return cancelledAt != null || (pausedAt == null && now >= naturalEnd());
    }

    /** Epoch ms when it ended, or null while it runs. */
    synchronized Long finishedAt(long now) {
        if (cancelledAt != null) {
            return cancelledAt;
        }
        return endedAt(now) ? naturalEnd() : null;
    }

    /** Epoch ms when the record shows, or will show, the end: the cancel, or the natural end. */
    synchronized long endsAt() {
        return cancelledAt != null ? cancelledAt : naturalEnd();
    }

    /** Milliseconds until it ends on its own, by the server's clock; zero once ended. */
    synchronized long remainingMillis(long now) {
        return endedAt(now) ? 0 : naturalEnd() - now;
    }

    /** Marks it Cancelled; false when it had already ended (Blink answers 400 then). */
    synchronized boolean cancel(long now) {
        if (endedAt(now)) {
            return false;
        }
        cancelledAt = now;
        return true;
    }

    /** True when it ended in Failed or Timeout, the states that carry {@code error_details}. */
    synchronized boolean endedWithError(long now) {
        return cancelledAt == null && endedAt(now) && ERROR_STATES.contains(behaviour.terminalState());
    }

    synchronized boolean completed(long now) {
        return "Completed".equals(stateAt(now));
    }

    /** Epoch ms of the end, the pauses over so far included; only meaningful while not paused. */
    private long naturalEnd() {
        return startedAt
                + pausedBefore
                + Math.max(behaviour.takes().toMillis(), behaviour.pendingFor().toMillis());
    }
}
