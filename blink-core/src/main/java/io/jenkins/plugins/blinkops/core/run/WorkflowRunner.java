package io.jenkins.plugins.blinkops.core.run;

import com.google.gson.GsonBuilder;
import io.jenkins.plugins.blinkops.core.callback.Wakeup;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRef;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.http.Futures;
import io.jenkins.plugins.blinkops.core.http.Retries;
import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.model.StepResult;
import io.jenkins.plugins.blinkops.core.outputs.LastStepOutput;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import io.jenkins.plugins.blinkops.core.text.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * Runs a workflow for a build: starts it, waits as {@link RunOptions} say, and writes what happens
 * to the build log. Usable in one blocking call ({@link #run}, for freestyle builds) or step by step
 * ({@link #start}, {@link #poll}, {@link #abort}, for a Pipeline step that holds no thread between
 * polls and resumes after a restart from a saved {@link FollowState}).
 */
public final class WorkflowRunner {
    private final BlinkClient client;
    private final RunOptions options;
    private final BuildLog log;
    private final WaitClock clock;
    private final StepProgress progress;
    private final RunWatcher watcher;

    public WorkflowRunner(BlinkClient client, RunOptions options, BuildLog log) {
        this(client, options, log, WaitClock.SYSTEM);
    }

    /** @param clock milliseconds; a benchmark may simulate them */
    public WorkflowRunner(BlinkClient client, RunOptions options, BuildLog log, LongSupplier clock) {
        this(client, options, log, WaitClock.simulated(clock));
    }

    /** @param clock what waits are measured by; a test moves its wall clock and its monotonic one */
    public WorkflowRunner(BlinkClient client, RunOptions options, BuildLog log, WaitClock clock) {
        this(client, options, log, clock, RunWatcher.NONE);
    }

    private WorkflowRunner(BlinkClient client, RunOptions options, BuildLog log, WaitClock clock, RunWatcher watcher) {
        this.client = client;
        this.options = options;
        this.log = log;
        this.clock = clock;
        this.progress = new StepProgress(log, StepProgress.LINE_LIMIT);
        this.watcher = watcher;
    }

    /** This runner, telling {@code watcher} what its waits see while they last. */
    public WorkflowRunner watchedBy(RunWatcher watcher) {
        return new WorkflowRunner(client, options, log, clock, watcher);
    }

    /** What one {@link #poll} found: wait and poll again, or the end. */
    public sealed interface PollResult {
        /**
         * @param updatedAt the run's {@code updated_at} as this poll read it (Blink's clock), or
         *     {@code null} when the read failed or had none: what a {@link BatchPoller} compares with
         */
        record Waiting(FollowState next, Duration delay, Long updatedAt) implements PollResult {}

        record Done(ExecutionOutcome outcome) implements PollResult {}
    }

    /**
     * Starts the workflow and waits as the options say, in this thread.
     *
     * @throws InterruptedException when the thread is interrupted or the client's cancellation is
     *     cancelled; the execution is then cancelled in Blink unless the options say not to
     */
    public ExecutionOutcome run(ExecutionRequest request) throws BlinkApiException, InterruptedException {
        return run(request, new Wakeup());
    }

    /**
     * As {@link #run(ExecutionRequest)}, for a request that asks Blink to call back: whoever receives
     * the callback rings {@code wakeup}, and the wait polls at once.
     */
    public ExecutionOutcome run(ExecutionRequest request, Wakeup wakeup)
            throws BlinkApiException, InterruptedException {
        return switch (options.waitMode()) {
            case SYNC -> runSync(request);
            case NONE -> notWaiting(start(request));
            case FOLLOW -> follow(start(request), wakeup);
        };
    }

    private ExecutionOutcome follow(FollowState started, Wakeup wakeup) throws BlinkApiException, InterruptedException {
        FollowState follow = started;
        try {
            Duration pause = firstPollDelay(follow);
            while (true) {
                if (!pause.isZero() && wakeup.sleep(pause, client.cancellation())) {
                    follow = woken(follow);
                }
                PollResult result = poll(follow);
                if (result instanceof PollResult.Done done) {
                    return done.outcome();
                }
                PollResult.Waiting waiting = (PollResult.Waiting) result;
                follow = waiting.next();
                pause = waiting.delay();
            }
        } catch (InterruptedException e) {
            abort(follow);
            throw e;
        }
    }

    /**
     * How long to wait before the first poll: none, unless Blink is to call back at the end; then
     * the first look is the fallback's, never past the wait's deadline.
     */
    public Duration firstPollDelay(FollowState follow) {
        Duration first = PollDecision.firstDelay(options.callbackPolling(), follow);
        Duration left = follow.remaining(clock.millis());
        return first.compareTo(left) > 0 ? left : first;
    }

    /** Blink's callback came: the wait polls now, and soon again for a while (see {@link PollDecision}). */
    public FollowState woken(FollowState follow) {
        log.info("Blink called back; reading execution " + follow.executionId() + " now.");
        return follow.woken(clock.millis());
    }

    /** Starts the workflow asynchronously: Blink answers with the execution id at once. */
    public FollowState start(ExecutionRequest request) throws BlinkApiException, InterruptedException {
        logStarting(request);
        long now = clock.millis();
        String executionId = startExactlyOnce(request, now);
        log.info("Started execution " + executionId + " — " + link(request.workflowId(), request.workspaceId()));
        boolean armed = request.callbackArmed() && options.waitMode() == WaitMode.FOLLOW;
        if (armed) {
            log.info("Blink will call Jenkins back when it ends; until then Jenkins reads it only now and then ("
                    + "first after "
                    + Durations.describe(options.callbackPolling().initialInterval()) + ").");
        }
        FollowState started = FollowState.started(
                        request.workspaceId(), request.workflowId(), executionId, now, options.timeout(), armed)
                .observed(now, clock.wallMillis());
        if (options.waitMode() == WaitMode.FOLLOW) {
            tell(started);
        }
        return started;
    }

    /**
     * Sends the start, and resolves an ambiguous answer to it (see {@link Retries#startIsAmbiguous})
     * by looking for the run among the workflow's runs, never by a blind resend: a run found is
     * adopted; only when Blink shows none is the start sent again, once.
     */
    private String startExactlyOnce(ExecutionRequest request, long sentAt)
            throws BlinkApiException, InterruptedException {
        try {
            return client.startExecution(request);
        } catch (BlinkApiException first) {
            if (!Retries.startIsAmbiguous(first)) {
                throw first;
            }
            Optional<String> adopted = lookUp(request, first, sentAt);
            if (adopted.isPresent()) {
                return adopted.get();
            }
            try {
                return client.startExecution(request);
            } catch (BlinkApiException second) {
                if (!Retries.startIsAmbiguous(second)) {
                    throw second;
                }
                return lookUp(request, second, sentAt).orElseThrow(() -> second);
            }
        }
    }

    /**
     * After an ambiguous answer: the run the start created, or empty (logged: the start is sent
     * once more) when Blink's listing shows none.
     *
     * @throws BlinkApiException when that cannot be told: the run may exist
     */
    private Optional<String> lookUp(ExecutionRequest request, BlinkApiException ambiguous, long sentAt)
            throws BlinkApiException, InterruptedException {
        log.warn("The answer to the start was lost (" + ambiguous.getMessage() + "). Looking among the recent runs of"
                + " workflow " + request.workflowId() + " for the one carrying nonce " + request.nonce() + ".");
        // Blink's records carry its wall clock: when the start was sent, by this machine's wall clock
        long sentAtWall = clock.wallMillis() - Math.max(0, clock.millis() - sentAt);
        Optional<String> found = client.findStartedExecution(request, sentAtWall);
        if (found.isPresent()) {
            log.info("Adopted execution " + found.get() + ": Blink had started it (its event carries nonce "
                    + request.nonce() + "); following it instead of starting the workflow again.");
        } else {
            log.info("Blink has no run carrying nonce " + request.nonce() + ", so the start never arrived:"
                    + " sending it once more.");
        }
        return found;
    }

    /**
     * Begins to follow an execution started elsewhere (another step, another job, Blink itself): the
     * wait is then polled like one of a run started here, and its workflow learnt from the first read.
     */
    public FollowState follow(ExecutionRef execution) {
        log.info("Following execution " + execution.executionId() + " in workspace " + execution.workspaceId() + " on "
                + client.host() + " for up to " + Durations.describe(options.timeout()));
        long now = clock.millis();
        FollowState following = FollowState.following(
                        execution.workspaceId(), execution.executionId(), now, options.timeout())
                .observed(now, clock.wallMillis());
        tell(following);
        return following;
    }

    /**
     * Asks Blink to cancel an execution, whoever started it.
     *
     * @return {@code false} when it had already ended: that is no error
     * @throws BlinkApiException when Blink does not know it, or refuses the key
     */
    public boolean cancel(ExecutionRef execution) throws BlinkApiException, InterruptedException {
        boolean cancelled = client.cancelExecution(execution.workspaceId(), execution.executionId());
        log.info(
                cancelled
                        ? "Asked Blink to cancel execution " + execution.executionId() + "."
                        : "Execution " + execution.executionId()
                                + " is no longer running in Blink; there was nothing to cancel.");
        return cancelled;
    }

    /** The outcome of a run that is not waited for. */
    public ExecutionOutcome notWaiting(FollowState started) {
        ExecutionOutcome outcome =
                outcome(WaitMode.NONE, started, null, false, Outputs.NONE, null, Duration.ZERO, false);
        log.info(outcome.summary());
        return outcome;
    }

    /**
     * Reads the execution once and decides. A failed read that may heal (a network fault, a 5xx) is
     * logged and the wait goes on; one that cannot (401, 403, 404) ends it with an exception.
     */
    public PollResult poll(FollowState follow) throws BlinkApiException, InterruptedException {
        ExecutionStatus status = null;
        try {
            status = client.getExecution(follow.workspaceId(), follow.executionId(), options.maxOutputBytes());
        } catch (BlinkApiException e) {
            if (e.isPermanent()) {
                throw e;
            }
            log.warn("Could not read execution " + follow.executionId() + ": " + e.getMessage() + " Still waiting.");
        }
        long now = clock.millis();
        // a wait for an execution started elsewhere learns its workflow (for the link) from the first read
        FollowState known = status == null ? follow : follow.withWorkflowOf(status);
        FollowState next =
                status == null ? follow.pollFailed() : known.seen(status.state().name());
        if (status != null && !Objects.equals(follow.lastState(), status.state().name())) {
            logState(status.state());
        }
        if (status != null) {
            next = notePause(next, status.state(), now);
        }
        PollDecision decision = PollDecision.decide(
                options.polling(),
                options.callbackPolling(),
                options.onPaused(),
                follow,
                status == null ? null : status.state(),
                now);
        if (decision instanceof PollDecision.PollAgain again) {
            if (next.looksDifferentFrom(follow)) {
                tell(next);
            }
            return status == null
                    ? new PollResult.Waiting(next.observed(now, clock.wallMillis()), again.delay(), null)
                    : new PollResult.Waiting(
                            printProgress(next, status).observed(now, clock.wallMillis()),
                            again.delay(),
                            status.updatedAt());
        }
        if (decision instanceof PollDecision.Finished && follow.callbackArmed() && follow.wokenAtMillis() == 0) {
            log.info("Jenkins found the end by polling: Blink's callback has not arrived. If that is so on every "
                    + "run, Blink cannot reach Jenkins (see 'Waking on Blink's callback' in the plugin's README).");
        }
        ExecutionOutcome outcome = decision instanceof PollDecision.Finished finished
                ? finishedOutcome(next, status, finished.state(), now)
                : timedOutOutcome(next, status, now);
        report(outcome);
        return new PollResult.Done(outcome);
    }

    /**
     * Says once that the run waits for a person, when the wait is to wait through it, and once that
     * it went on; the follow state remembers which, across a restart too.
     */
    private FollowState notePause(FollowState follow, ExecutionState state, long now) {
        if (state.isPaused() && !follow.paused() && options.onPaused() == PausedHandling.WAIT) {
            String link = runLink(follow);
            Duration left = follow.remaining(now);
            log.info("Execution " + follow.executionId() + " is paused in Blink: a step waits for a person (an "
                    + "approval or a form), who must act in Blink" + (link == null ? "" : ": " + link)
                    + ". Waiting for it to go on, for up to " + Durations.describe(left) + ".");
            // 0 means "not paused": a clock at the epoch (a simulated one) still marks the pause
            return follow.pausedSince(Math.max(1, now));
        }
        if (!state.isPaused() && follow.paused()) {
            Duration paused = Duration.ofMillis(Math.max(0, now - follow.pausedAtMillis()));
            log.info("Execution " + follow.executionId() + " goes on in Blink (" + state.name() + ") after being "
                    + "paused for " + Durations.describe(paused) + ".");
            return follow.pausedSince(0);
        }
        return follow;
    }

    /**
     * Prints the steps that started or ended since the last poll: from the record's
     * {@code step_results} when it holds steps, else from one {@code GET .../steps}. Only a help: a
     * listing that cannot be read is skipped, and read again at the next poll.
     */
    private FollowState printProgress(FollowState follow, ExecutionStatus status) throws InterruptedException {
        if (!options.progress() || follow.steps().capped()) {
            return follow;
        }
        ExecutionSteps steps = status.stepResults();
        if (steps.steps().isEmpty()) {
            try {
                // no outputs are kept from it: they are read once the run has ended
                steps = client.getSteps(follow.workspaceId(), follow.executionId(), 0);
            } catch (BlinkApiException e) {
                return follow;
            }
        }
        return follow.withSteps(progress.print(follow.steps(), steps, runLink(follow)));
    }

    /** Asks Blink to cancel the execution (unless the options say not to); a failure is only a warning. */
    public void abort(FollowState follow) {
        if (!options.cancelOnAbort()) {
            log.info(
                    "Build aborted; execution " + follow.executionId() + " goes on in Blink (cancel on abort is off).");
            return;
        }
        try {
            boolean cancelled = client.cancelExecution(follow.workspaceId(), follow.executionId());
            log.info(
                    cancelled
                            ? "Build aborted; asked Blink to cancel execution " + follow.executionId() + "."
                            : "Build aborted; execution " + follow.executionId() + " is no longer running in Blink.");
        } catch (BlinkApiException e) {
            log.warn("Build aborted, but cancelling execution " + follow.executionId() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Build aborted before execution " + follow.executionId() + " could be cancelled in Blink.");
        }
    }

    /**
     * Lets Blink hold the request until the workflow ends ({@code run_sync}), in this thread: waits
     * interruptibly on {@link #runSyncAsync}, the one implementation.
     *
     * @throws InterruptedException when the thread is interrupted or the client's cancellation is
     *     cancelled; the request is then aborted
     */
    public ExecutionOutcome runSync(ExecutionRequest request) throws BlinkApiException, InterruptedException {
        return Futures.await(runSyncAsync(request));
    }

    /**
     * Lets Blink hold the request until the workflow ends ({@code run_sync}), holding no thread
     * while it waits. The future gives the outcome (a workflow that fails or times out in Blink is
     * an outcome, logged like any other) or fails with the {@link BlinkApiException} of a wrong key,
     * workspace or workflow. Cancelling it, or the client's cancellation, aborts the request at once.
     */
    public CompletableFuture<ExecutionOutcome> runSyncAsync(ExecutionRequest request) {
        logStarting(request);
        return syncSend(request, clock.millis(), true);
    }

    /**
     * One send of a synchronous start. An ambiguous failure is resolved as {@link #start} resolves
     * it: the run found is adopted and polled to its end ({@link AdoptedRunFollower}, holding no
     * thread between polls); only a run Blink shows does not exist is sent again, once.
     */
    private CompletableFuture<ExecutionOutcome> syncSend(ExecutionRequest request, long started, boolean firstSend) {
        CompletableFuture<Outputs> answer =
                client.executeSyncAsync(request, options.timeout(), options.maxOutputBytes());
        CompletableFuture<CompletableFuture<ExecutionOutcome>> next = answer.handle((outputs, error) -> {
            ExecutionOutcome outcome;
            if (error == null) {
                outcome = syncOutcome(request, ExecutionState.of("Completed"), false, outputs, null, started);
            } else if (Futures.cause(error) instanceof BlinkApiException e && isWorkflowFailure(e)) {
                boolean timedOut = e.status() == 408;
                ExecutionState state = ExecutionState.of(timedOut ? "Timeout" : "Failed");
                outcome = syncOutcome(request, state, timedOut, Outputs.NONE, e.blinkMessage(), started);
            } else if (Futures.cause(error) instanceof BlinkApiException e
                    && Retries.startIsAmbiguous(e)
                    && !client.cancellation().isCancelled()) {
                return AdoptedRunFollower.resolving(() -> resolveSync(request, e, started, firstSend));
            } else {
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            }
            report(outcome);
            return CompletableFuture.completedFuture(outcome);
        });
        return Futures.cancelling(answer, next.thenCompose(f -> f));
    }

    private CompletableFuture<ExecutionOutcome> resolveSync(
            ExecutionRequest request, BlinkApiException ambiguous, long started, boolean firstSend)
            throws BlinkApiException, InterruptedException {
        Optional<String> adopted = lookUp(request, ambiguous, started);
        if (adopted.isPresent()) {
            FollowState follow = FollowState.started(
                    request.workspaceId(), request.workflowId(), adopted.get(), started, options.timeout(), false);
            return new AdoptedRunFollower(this, client.cancellation()).follow(follow);
        }
        if (!firstSend) {
            throw ambiguous;
        }
        return syncSend(request, started, false);
    }

    /** In a synchronous run Blink reports the workflow's own failure as a 4xx answer. */
    private static boolean isWorkflowFailure(BlinkApiException e) {
        int s = e.status();
        return e.reason() == BlinkApiException.Reason.HTTP_STATUS
                && s >= 400
                && s < 500
                && s != 401
                && s != 403
                && s != 404
                && s != 429;
    }

    private ExecutionOutcome syncOutcome(
            ExecutionRequest r, ExecutionState state, boolean timedOut, Outputs outputs, String error, long started) {
        return new ExecutionOutcome(
                WaitMode.SYNC,
                r.workspaceId(),
                r.workflowId(),
                null,
                state,
                timedOut,
                outputs,
                error,
                link(r.workflowId(), r.workspaceId()),
                Duration.ofMillis(clock.millis() - started));
    }

    private ExecutionOutcome finishedOutcome(FollowState f, ExecutionStatus status, ExecutionState state, long now)
            throws InterruptedException {
        ExecutionSteps steps = stepsOf(f, status, state);
        StepMarks printed = options.progress() ? progress.print(f.steps(), steps, runLink(f)) : f.steps();
        Outputs outputs = Outputs.NONE;
        if (state.isSuccess() && steps.hasOutputs()) {
            outputs = steps.outputs();
            log.info("Outputs: those of step " + steps.outputStep() + ", the last step to finish with an output.");
        } else if (!state.isSuccess()) {
            logFailedSteps(steps, printed);
        }
        boolean leftPaused = state.isPaused() && options.onPaused() == PausedHandling.CONTINUE;
        return outcome(WaitMode.FOLLOW, f, state, false, outputs, status.errorMessage(), f.elapsed(now), leftPaused);
    }

    /**
     * The steps of an ended run: the record's {@code step_results} when they hold what is needed
     * (a completed run's outputs, a failed run's failed step), else {@code GET .../steps}. Outputs
     * come from nowhere else (see {@link LastStepOutput}); a run whose steps have none has none.
     */
    private ExecutionSteps stepsOf(FollowState f, ExecutionStatus status, ExecutionState state)
            throws InterruptedException {
        ExecutionSteps recorded = status.stepResults();
        boolean enough = state.isSuccess()
                ? recorded.hasOutputs()
                : recorded.steps().stream().anyMatch(StepResult::failed);
        if (enough) {
            return recorded;
        }
        try {
            return client.getSteps(f.workspaceId(), f.executionId(), options.maxOutputBytes());
        } catch (BlinkApiException e) {
            // only a help for a failed run; for a completed one the outputs are lost, which the user must
            // know, unless the server has no steps to give (a 404 right after the execution was read)
            String what = "The steps of execution " + f.executionId() + " could not be read";
            if (state.isSuccess() && e.status() == 404) {
                log.info("Blink has no steps for execution " + f.executionId() + ", so it has no outputs.");
            } else if (state.isSuccess()) {
                log.warn(what + ", so its outputs are unknown: " + e.getMessage());
            } else {
                log.info(what + ": " + e.getMessage());
            }
            return recorded;
        }
    }

    /**
     * Names the steps that did not complete, so that the log says where a run went wrong; those the
     * progress lines named already are not named again.
     */
    private void logFailedSteps(ExecutionSteps steps, StepMarks printed) {
        for (StepResult step : steps.steps()) {
            if (step.failed() && !printed.endPrinted(step.stepId())) {
                String error = step.errorMessage() == null ? "" : ": " + step.errorMessage();
                log.info("Step " + step.stepId() + " ended " + step.state().name() + error);
            }
        }
    }

    private ExecutionOutcome timedOutOutcome(FollowState f, ExecutionStatus lastSeen, long now) {
        ExecutionState state =
                lastSeen != null ? lastSeen.state() : f.lastState() == null ? null : ExecutionState.of(f.lastState());
        boolean paused = f.paused() || (state != null && state.isPaused());
        String error = "the wait timed out after " + Durations.describe(options.timeout())
                + (paused ? " while the run was paused in Blink, waiting for a person to act" : "");
        return outcome(WaitMode.FOLLOW, f, state, true, Outputs.NONE, error, f.elapsed(now), false);
    }

    /** The outcome of a run that was started asynchronously, so it has an execution id. */
    private ExecutionOutcome outcome(
            WaitMode mode,
            FollowState f,
            ExecutionState state,
            boolean timedOut,
            Outputs outputs,
            String error,
            Duration duration,
            boolean leftPaused) {
        return new ExecutionOutcome(
                mode,
                f.workspaceId(),
                f.workflowId(),
                f.executionId(),
                state,
                timedOut,
                outputs,
                error,
                link(f.workflowId(), f.workspaceId()),
                duration,
                runLink(f),
                leftPaused);
    }

    private void tell(FollowState f) {
        ExecutionState state = f.lastState() == null ? null : ExecutionState.of(f.lastState());
        watcher.seen(new RunWatcher.Snapshot(
                f.workspaceId(),
                f.workflowId(),
                f.executionId(),
                state,
                f.paused(),
                link(f.workflowId(), f.workspaceId()),
                runLink(f)));
    }

    /** Blink's page of the run, or {@code null} when the connection's form of it needs what is not known. */
    private String runLink(FollowState f) {
        return client.runLink(f.workspaceId(), f.workflowId(), f.executionId());
    }

    private void logStarting(ExecutionRequest request) {
        String waiting =
                switch (options.waitMode()) {
                    case NONE -> "not waiting for it";
                    case FOLLOW -> "following it for up to " + Durations.describe(options.timeout());
                    case SYNC -> "Blink holds the request for up to " + Durations.describe(options.timeout());
                };
        log.info("Starting workflow " + request.workflowId() + " in workspace " + request.workspaceId() + " on "
                + client.host() + " (" + waiting + ")");
    }

    private void logState(ExecutionState state) {
        if (state.kind() == ExecutionState.Kind.UNKNOWN) {
            log.info("State: " + state.name() + " (not a state this plugin knows; waiting on as if it were running)");
        } else {
            log.info("State: " + state.name());
        }
    }

    private void report(ExecutionOutcome outcome) {
        log.info(outcome.summary());
        if (options.printOutputs() && !outcome.outputs().values().isEmpty()) {
            log.block(
                    "Outputs:",
                    new GsonBuilder()
                            .setPrettyPrinting()
                            .create()
                            .toJson(outcome.outputs().values()));
        }
        if (outcome.outputs().truncated()) {
            log.info("The outputs were cut to " + options.maxOutputBytes()
                    + " characters, the limit set for this step; the rest was not kept.");
        }
        if (outcome.runLink() != null) {
            log.info("Run: " + outcome.runLink());
        }
        if (outcome.link() != null) {
            log.info("Workflow: " + outcome.link());
        }
    }

    /** {@code null} while the workflow is not known: a followed execution that could never be read. */
    private String link(String workflowId, String workspaceId) {
        return workflowId == null ? null : client.host().workflowLink(workspaceId, workflowId);
    }
}
