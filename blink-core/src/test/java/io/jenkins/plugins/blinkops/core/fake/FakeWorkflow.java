package io.jenkins.plugins.blinkops.core.fake;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one fake workflow behaves when it is executed. Fluent; each execution takes a snapshot of
 * the settings when it starts, so changing a workflow never changes a run already under way.
 */
public final class FakeWorkflow {

    /** The settings an execution runs with, frozen at its start. */
    record Behaviour(
            String name,
            Duration takes,
            Duration pendingFor,
            String terminalState,
            String runningState,
            Outputs outputs,
            String errorMessage,
            String errorCode,
            String failingStep,
            int pauseAfterReads,
            int resumeAfterReads,
            int stepCount) {}

    private final String workspaceId;
    private final String id;
    private String name;
    private Duration takes = Duration.ZERO;
    private Duration pendingFor = Duration.ZERO;
    private String terminalState = "Completed";
    private String runningState = "Running";
    private Outputs outputs = Outputs.json("{\"result\":\"ok\"}");
    private String errorMessage;
    private String errorCode;
    private String failingStep = "step-1";
    private int pauseAfterReads;
    private int resumeAfterReads;
    private int stepCount;

    FakeWorkflow(String workspaceId, String id) {
        this.workspaceId = workspaceId;
        this.id = id;
        this.name = id;
    }

    public String id() {
        return id;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public synchronized FakeWorkflow name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Time from start to the terminal state, pending time included; zero ends at the first look. */
    public synchronized FakeWorkflow takes(Duration d) {
        this.takes = nonNegative(d);
        return this;
    }

    /** The first state is "Pending" (waiting for approval) for this long. */
    public synchronized FakeWorkflow pendingFor(Duration d) {
        this.pendingFor = nonNegative(d);
        return this;
    }

    /** The state it ends in, shown in {@code state_ui} as given; any string is allowed. */
    public synchronized FakeWorkflow endsWith(String terminalState) {
        this.terminalState = Objects.requireNonNull(terminalState, "terminalState");
        return this;
    }

    /** The state shown while it runs, e.g. "In progress", or one the client has never heard of. */
    public synchronized FakeWorkflow runningState(String s) {
        this.runningState = Objects.requireNonNull(s, "runningState");
        return this;
    }

    /** The output parameters, as the text of a JSON object. */
    public synchronized FakeWorkflow outputs(String json) {
        this.outputs = Outputs.json(json);
        return this;
    }

    public synchronized FakeWorkflow outputs(Map<String, ?> outputs) {
        this.outputs = Outputs.json(Json.GSON.toJson(outputs));
        return this;
    }

    /**
     * Output parameters of about this many bytes, generated while they are sent: many keys
     * ({@code part_0000001} ...) of 1,000 characters each. See {@link #hugeStringOutput} for one giant string.
     */
    public synchronized FakeWorkflow hugeOutputs(int bytes) {
        this.outputs = Outputs.huge(bytes);
        return this;
    }

    /** Output parameters that are one key holding a single string of this many characters, streamed. */
    public synchronized FakeWorkflow hugeStringOutput(int bytes) {
        this.outputs = Outputs.hugeString(bytes);
        return this;
    }

    /** The {@code error_details} shown when it ends Failed or Timeout. */
    public synchronized FakeWorkflow error(String message, String code) {
        this.errorMessage = message;
        this.errorCode = code;
        return this;
    }

    /**
     * The step that ends the run when it does not complete; the steps before it complete. Default
     * {@code step-1}, the only step.
     */
    public synchronized FakeWorkflow failsAtStep(String stepId) {
        this.failingStep = stepId;
        return this;
    }

    /**
     * The run pauses for a person (an approval step) once its record has been read this many times,
     * if it has not ended by then: the record shows {@code Paused}, and its clock stands still until
     * it resumes ({@link #resumesAfterReads}, or {@link FakeExecution#resume()}).
     */
    public synchronized FakeWorkflow pausesAfterReads(int reads) {
        this.pauseAfterReads = positive(reads);
        return this;
    }

    /** A paused run goes on after its record has shown {@code Paused} this many times. */
    public synchronized FakeWorkflow resumesAfterReads(int reads) {
        this.resumeAfterReads = positive(reads);
        return this;
    }

    /**
     * The run has this many steps ({@code s-1} ... named "Step 1" ...), one after another over its
     * running time: they appear, run and end over successive reads. The last one ends as the run does.
     */
    public synchronized FakeWorkflow steps(int count) {
        this.stepCount = positive(count);
        return this;
    }

    synchronized Behaviour behaviour() {
        return new Behaviour(
                name,
                takes,
                pendingFor,
                terminalState,
                runningState,
                outputs,
                errorMessage,
                errorCode,
                failingStep,
                pauseAfterReads,
                resumeAfterReads,
                stepCount);
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1: " + n);
        }
        return n;
    }

    private static Duration nonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + d);
        }
        return d;
    }
}
