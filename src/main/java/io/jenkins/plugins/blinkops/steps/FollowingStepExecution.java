package io.jenkins.plugins.blinkops.steps;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.call.BlinkExecutionAction;
import io.jenkins.plugins.blinkops.call.PreparedCall;
import io.jenkins.plugins.blinkops.call.RunSettings;
import io.jenkins.plugins.blinkops.callback.BlinkCallbackAction;
import io.jenkins.plugins.blinkops.config.BackgroundCalls;
import io.jenkins.plugins.blinkops.config.BlinkSession;
import io.jenkins.plugins.blinkops.core.callback.CallbackRegistry;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.FollowState;
import io.jenkins.plugins.blinkops.core.run.WorkflowRunner;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A Pipeline step that follows a Blink execution without holding a thread while it waits: each call
 * to Blink is made on {@link BackgroundCalls} and the pause between two polls is a timer. The wait in
 * progress ({@link FollowState}: execution id, start, deadline) is saved with the Pipeline, so that
 * after a controller restart {@link #onResume()} polls on from where it was. The steps differ only in
 * how they come to have an execution to follow: {@code blinkExecute} starts one, {@code blinkWait} is
 * given its id.
 */
abstract class FollowingStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(FollowingStepExecution.class.getName());
    /** How long an aborted step waits for Blink to answer its cancel before it ends anyway. */
    static final long CANCEL_GRACE_MILLIS = 5_000;

    private final String connection;
    private final String credentialsId;
    private final RunSettings settings;
    /** The wait in progress; {@code null} until there is an execution id to follow. */
    private volatile FollowState follow;
    /** The hash of the token Blink calls back with, or {@code null}; never the token itself. */
    private volatile String callbackHash;

    /** Rebuilt after a restart: it holds the API key, which is never saved. */
    private transient volatile WorkflowRunner runner;

    private transient volatile BlinkClient client;
    /** Set once the step has ended, or was stopped; what arrives later is dropped. */
    private transient boolean done;
    /**
     * While a start is in flight: a stop then lets it finish instead of cutting it off, since only its
     * answer names the run to cancel (cut off, the run could go on in Blink with nobody knowing its id).
     */
    private transient volatile boolean starting;

    // The polls of one step run one at a time. A callback that comes while one runs is kept in
    // wakePending, and the next poll is made at once when it ends. All three guarded by this.
    private transient boolean polling;
    private transient boolean wakePending;
    private transient Future<?> nextPoll;

    private transient CallbackRegistry.Registration callbackListener;

    FollowingStepExecution(StepContext context, String connection, String credentialsId, RunSettings settings) {
        super(context);
        this.connection = connection;
        this.credentialsId = credentialsId;
        this.settings = settings;
    }

    /** Jenkins restarted before the step had an execution id to follow: it goes on or ends, saying why. */
    abstract void resumeBeforeFollowing();

    /** What {@link #getStatus()} says before the step has an execution id to follow. */
    abstract String statusBeforeFollowing();

    /** A piece of the step's work that calls Blink or Jenkins and may fail. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Does {@code work} on {@link BackgroundCalls}, never on the Pipeline's own thread. */
    final void inBackground(Work work) {
        BackgroundCalls.submit(() -> guarded(work));
    }

    /**
     * Does {@code work}, ending the step with its error, if any; an interrupt (Jenkins shutting down)
     * leaves the step as it is, to go on from its saved state after the restart.
     */
    final void guarded(Work work) {
        try {
            work.run();
        } catch (InterruptedException e) {
            LOGGER.log(Level.FINE, "Interrupted while calling Blink; the step goes on after a restart", e);
        } catch (Exception e) {
            fail(e);
        }
    }

    final RunSettings settings() {
        return settings;
    }

    /** For a step that resolved its connection and key itself, as a start does with everything else. */
    final void use(BlinkClient client, WorkflowRunner runner) {
        this.client = client;
        this.runner = runner;
    }

    /** Opens the connection with the key the build may use, and the runner that calls Blink through it. */
    final BlinkSession openSession() throws IOException, InterruptedException {
        BlinkSession session = BlinkSession.forRun(getContext().get(Run.class), connection, credentialsId);
        use(session.client(), new WorkflowRunner(session.client(), settings.toRunOptions(), log()));
        return session;
    }

    /** The runner, rebuilt from the saved settings after a restart (the key is looked up again). */
    final WorkflowRunner runner() throws IOException, InterruptedException {
        if (runner == null) {
            openSession();
        }
        return runner;
    }

    /**
     * Lets Blink's callback for the run about to start wake this step, from before the start is
     * sent (a short run may call back before Blink has answered the start) until the step ends.
     */
    final void listenForCallback(PreparedCall call) {
        if (call.callback() == null) {
            return;
        }
        synchronized (this) {
            // registered under the lock that claim() takes: a stop cannot slip between and leave it open
            if (done) {
                return;
            }
            callbackHash = call.callback().hash();
            callbackListener = call.listen(this::wake);
        }
    }

    /** Sends the start; a {@link #stop} meanwhile lets it finish (see {@link #starting}). */
    final FollowState start(WorkflowRunner starter, ExecutionRequest request)
            throws BlinkApiException, InterruptedException {
        starting = true;
        try {
            return starter.start(request);
        } finally {
            starting = false;
        }
    }

    /**
     * Whether the step was stopped while Blink started the run; if so the run is aborted now that its
     * id is known, as the step was asked to (cancelled, or left running with cancel on abort off).
     */
    final boolean abortedWhileStarting(FollowState started) {
        if (!isDone()) {
            return false;
        }
        LOGGER.log(Level.INFO, "Step aborted while starting; aborting Blink execution {0}", started.executionId());
        runner.abort(started);
        return true;
    }

    /** Follows the execution from now on: saved at once, then polled until it ends. */
    final void follow(FollowState started) throws IOException, InterruptedException {
        follow = started;
        if (abortedWhileStarting(started)) {
            return;
        }
        // the execution id must survive a restart from now on, not only from the next checkpoint
        getContext().saveState();
        pollAfter(runner().firstPollDelay(started));
    }

    /** Blink's callback came: poll now, or as soon as the poll in flight ends. Quick, on a web thread. */
    private void wake() {
        synchronized (this) {
            if (done) {
                return;
            }
            wakePending = true;
        }
        pollNow();
    }

    /** Polls after {@code delay}, or at once if a callback came meanwhile. */
    private void pollAfter(Duration delay) {
        synchronized (this) {
            if (done) {
                return;
            }
            if (!wakePending && !delay.isZero()) {
                if (nextPoll != null) {
                    nextPoll.cancel(false);
                }
                nextPoll = BackgroundCalls.onTimer(this::pollNow, delay.toMillis());
                return;
            }
        }
        pollNow();
    }

    /** Starts a poll unless one is running (that one then polls again when it ends, if woken). */
    private void pollNow() {
        synchronized (this) {
            if (done || polling || follow == null) {
                return;
            }
            polling = true;
            if (nextPoll != null) {
                nextPoll.cancel(false);
                nextPoll = null;
            }
        }
        if (!BackgroundCalls.submit(this::poll)) {
            synchronized (this) {
                polling = false;
            }
        }
    }

    private void poll() {
        guarded(() -> {
            boolean woken;
            synchronized (this) {
                woken = wakePending;
                wakePending = false;
            }
            FollowState current = woken ? runner().woken(follow) : follow;
            WorkflowRunner.PollResult result = runner().poll(current);
            if (result instanceof WorkflowRunner.PollResult.Waiting waiting) {
                follow = waiting.next();
                synchronized (this) {
                    polling = false;
                }
                pollAfter(waiting.delay());
            } else if (result instanceof WorkflowRunner.PollResult.Done end) {
                finish(end.outcome());
            }
        });
    }

    @Override
    public final void onResume() {
        if (follow == null) {
            resumeBeforeFollowing();
            return;
        }
        if (callbackHash != null) {
            synchronized (this) {
                callbackListener = BlinkCallbackAction.listen(callbackHash, this::wake);
            }
        }
        inBackground(() -> {
            log().info(Messages.BlinkExecuteStep_Resuming(follow.executionId()));
            pollNow();
        });
    }

    /**
     * Asks Blink to cancel the run (when the step says so), and ends the step when Blink has answered
     * or after {@link #CANCEL_GRACE_MILLIS}, whichever comes first: an abort takes effect within
     * seconds whatever the background calls are busy with, and usually with Blink's answer in the log.
     */
    @Override
    public final void stop(Throwable cause) {
        if (!claim()) {
            return;
        }
        BlinkClient current = client;
        if (starting) {
            sayStoppedWhileStarting();
        } else if (current != null) {
            // wakes a call in flight (a poll, a synchronous run) at once
            current.cancellation().cancel();
        }
        FollowState toCancel = follow;
        WorkflowRunner cancelWith = toCancel == null ? null : runnerForCancel(toCancel);
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                getContext().onFailure(cause);
            }
        };
        if (cancelWith == null) {
            end.run();
            return;
        }
        BackgroundCalls.onTimer(end, CANCEL_GRACE_MILLIS);
        boolean submitted = BackgroundCalls.submit(() -> {
            try {
                cancelWith.abort(toCancel);
            } finally {
                end.run();
            }
        });
        if (!submitted) {
            end.run();
        }
    }

    private void sayStoppedWhileStarting() {
        try {
            log().info(
                            settings.cancelOnAbort()
                                    ? Messages.BlinkExecuteStep_AbortedWhileStarting()
                                    : Messages.BlinkExecuteStep_AbortedWhileStartingNoCancel());
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.FINE, "Could not write to the build log", e);
        }
    }

    /** Resolved before the step ends, while its context still answers; {@code null} if it cannot be. */
    private WorkflowRunner runnerForCancel(FollowState toCancel) {
        try {
            return runner();
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot cancel Blink execution " + toCancel.executionId(), e);
            return null;
        }
    }

    @Override
    public final String getStatus() {
        FollowState current = follow;
        if (current == null) {
            return statusBeforeFollowing();
        }
        return Messages.BlinkExecuteStep_StatusFollowing(current.executionId(), current.lastState());
    }

    final FollowState following() {
        return follow;
    }

    final void finish(ExecutionOutcome outcome) throws IOException, InterruptedException {
        Run<?, ?> run = getContext().get(Run.class);
        FlowNode node = getContext().get(FlowNode.class);
        if (!claim()) {
            return;
        }
        // claimed: from here on the step must end, whatever fails on the way
        try {
            BlinkExecutionAction.record(run, new BlinkExecutionAction.Execution(outcome, settings.printOutputs()));
            switch (outcome.verdict(settings.onFailure())) {
                case FAILURE -> getContext().onFailure(new AbortException(outcome.summary()));
                case UNSTABLE -> {
                    // as the unstable step does it: the stage shows the warning, the build its result
                    if (node != null) {
                        node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(outcome.summary()));
                    }
                    run.setResult(Result.UNSTABLE);
                    getContext().onSuccess(outcome.toMap());
                }
                case SUCCESS -> getContext().onSuccess(outcome.toMap());
            }
        } catch (RuntimeException e) {
            getContext().onFailure(forUser(e));
        }
    }

    /** Ends the step with an error a user can read; never while Jenkins shuts down, as the wait resumes after. */
    final void fail(Exception e) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins == null || jenkins.isTerminating() || !claim()) {
            return;
        }
        getContext().onFailure(forUser(e));
    }

    /**
     * What a step failure shows: Blink's and the configuration's errors are complete sentences; an
     * error of Jenkins' own (a missing build log, a failed save) keeps its message. Anything else is a
     * bug: its trace goes to the Jenkins log, and the build log gets a sentence, never a raw exception.
     */
    static Throwable forUser(Exception e) {
        if (e instanceof InvalidInputException) {
            return new AbortException(Messages.PreparedCall_InvalidInput(e.getMessage()));
        }
        if (e instanceof BlinkApiException || e instanceof AbortException) {
            return new AbortException(e.getMessage());
        }
        if (e instanceof IOException) {
            return e;
        }
        LOGGER.log(Level.WARNING, "Unexpected error in a Blink step", e);
        return new AbortException(
                Messages.BlinkExecuteStep_Unexpected(e.getClass().getSimpleName()));
    }

    /** Marks the step ended, once: no more polls, and its callback token is unknown from now on. */
    private boolean claim() {
        CallbackRegistry.Registration listener;
        synchronized (this) {
            if (done) {
                return false;
            }
            done = true;
            if (nextPoll != null) {
                nextPoll.cancel(false);
            }
            listener = callbackListener;
        }
        if (listener != null) {
            listener.close();
        }
        return true;
    }

    final synchronized boolean isDone() {
        return done;
    }

    final BuildLog log() throws IOException, InterruptedException {
        return new BuildLog(getContext().get(TaskListener.class).getLogger());
    }
}
