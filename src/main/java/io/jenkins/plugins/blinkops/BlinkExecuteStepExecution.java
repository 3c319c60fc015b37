package io.jenkins.plugins.blinkops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.blinkops.core.BlinkApiException;
import io.jenkins.plugins.blinkops.core.BlinkClient;
import io.jenkins.plugins.blinkops.core.BuildLog;
import io.jenkins.plugins.blinkops.core.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.FollowState;
import io.jenkins.plugins.blinkops.core.InvalidInputException;
import io.jenkins.plugins.blinkops.core.WorkflowRunner;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs {@code blinkExecute} without holding a thread while it waits: each call to Blink is made on
 * {@link BackgroundCalls}, the pause between two polls is a timer, and a synchronous run is the
 * engine's asynchronous call, which holds no thread while Blink holds the request. The wait in progress
 * ({@link FollowState}: execution id, start, deadline) is saved with the Pipeline, so that after a
 * controller restart {@link #onResume()} polls on from where it was.
 */
class BlinkExecuteStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(BlinkExecuteStepExecution.class.getName());
    /** How long an aborted step waits for Blink to answer its cancel before it ends anyway. */
    static final long CANCEL_GRACE_MILLIS = 5_000;

    /** Only needed to start: inputs and event may hold anything a script passed, so they are not saved. */
    private final transient BlinkExecuteStep step;

    private final String connection;
    private final String credentialsId;
    private final RunSettings settings;
    /** The wait in progress; {@code null} until Blink has answered with an execution id. */
    private volatile FollowState follow;

    /** Blink holds a synchronous run of this step: there is no execution id to follow after a restart. */
    private volatile boolean syncSent;

    /** Rebuilt after a restart: it holds the API key, which is never saved. */
    private transient volatile WorkflowRunner runner;

    private transient volatile BlinkClient client;
    /** Set once the step has ended, or was stopped; what arrives later is dropped. */
    private transient boolean done;

    BlinkExecuteStepExecution(BlinkExecuteStep step, StepContext context) {
        super(context);
        this.step = step;
        this.connection = step.getConnection();
        this.credentialsId = step.getCredentialsId();
        this.settings = step.toRunSettings();
    }

    @Override
    public boolean start() {
        BackgroundCalls.submit(this::begin);
        return false;
    }

    private void begin() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            BuildLog log = log();
            PreparedCall call = PreparedCall.prepare(
                    run, getContext().get(EnvVars.class), log, step, step.getInputs(), step.getEvent());
            client = call.client();
            runner = call.runner(log);
            if (isDone()) {
                return;
            }
            switch (settings.waitMode()) {
                case NONE -> finish(runner.notWaiting(runner.start(call.request())));
                case SYNC -> {
                    syncSent = true;
                    getContext().saveState();
                    runner.runSyncAsync(call.request())
                            .whenComplete((outcome, error) -> BackgroundCalls.submit(() -> syncEnded(outcome, error)));
                }
                case FOLLOW -> follow(runner.start(call.request()));
            }
        } catch (InterruptedException e) {
            LOGGER.log(Level.FINE, "Interrupted while starting the Blink workflow", e);
        } catch (Exception e) {
            fail(e);
        }
    }

    /**
     * A synchronous run ended: Blink answered, or the call failed or was cancelled by {@link #stop}.
     * Called on {@link BackgroundCalls}, as the engine completes its future on its I/O thread.
     */
    private void syncEnded(ExecutionOutcome outcome, Throwable error) {
        try {
            if (error == null) {
                finish(outcome);
                return;
            }
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                LOGGER.log(Level.FINE, "The synchronous Blink run was cancelled", cause);
            } else {
                fail(cause instanceof Exception e ? e : new IOException(cause));
            }
        } catch (InterruptedException e) {
            LOGGER.log(Level.FINE, "Interrupted while ending the synchronous Blink run", e);
        } catch (Exception e) {
            fail(e);
        }
    }

    private void follow(FollowState started) {
        follow = started;
        if (isDone()) {
            // stopped while Blink was starting it: cancel the run that nobody waits for any more
            runner.abort(started);
            return;
        }
        // the execution id must survive a restart from now on, not only from the next checkpoint
        getContext().saveState();
        poll();
    }

    private void poll() {
        if (isDone()) {
            return;
        }
        try {
            WorkflowRunner.PollResult result = runner().poll(follow);
            if (result instanceof WorkflowRunner.PollResult.Waiting waiting) {
                follow = waiting.next();
                BackgroundCalls.schedule(this::poll, waiting.delay().toMillis());
            } else if (result instanceof WorkflowRunner.PollResult.Done end) {
                finish(end.outcome());
            }
        } catch (InterruptedException e) {
            LOGGER.log(Level.FINE, "Interrupted while polling Blink; the wait resumes after a restart", e);
        } catch (Exception e) {
            fail(e);
        }
    }

    @Override
    public void onResume() {
        if (follow == null) {
            getContext()
                    .onFailure(new AbortException(
                            syncSent
                                    ? Messages.BlinkExecuteStep_RestartedDuringSync()
                                    : Messages.BlinkExecuteStep_RestartedWhileStarting()));
            return;
        }
        BackgroundCalls.submit(() -> {
            try {
                log().info(Messages.BlinkExecuteStep_Resuming(follow.executionId()));
                poll();
            } catch (Exception e) {
                fail(e);
            }
        });
    }

    /**
     * Asks Blink to cancel the run, and ends the step when Blink has answered or after
     * {@link #CANCEL_GRACE_MILLIS}, whichever comes first: an abort takes effect within seconds
     * whatever the background calls are busy with, and usually with Blink's answer in the log.
     */
    @Override
    public void stop(Throwable cause) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        BlinkClient current = client;
        if (current != null) {
            // wakes a call in flight (a start, a poll) at once
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

    /** Resolved before the step ends, while its context still answers; {@code null} if it cannot be. */
    private WorkflowRunner runnerForCancel(FollowState toCancel) {
        try {
            return runner();
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.WARNING, "Cannot cancel Blink execution " + toCancel.executionId(), e);
            return null;
        }
    }

    @Override
    public String getStatus() {
        FollowState current = follow;
        if (current == null) {
            return Messages.BlinkExecuteStep_StatusStarting(settings.waitMode());
        }
        return Messages.BlinkExecuteStep_StatusFollowing(current.executionId(), current.lastState());
    }

    /**
     * Only while it starts a workflow: a restart then could lose the execution id. Not while Blink
     * holds a synchronous run, which may take the whole timeout: a restart then ends the step, saying
     * why (see {@link #onResume()}).
     */
    @Override
    public boolean blocksRestart() {
        return !isDone() && follow == null && !syncSent;
    }

    private void finish(ExecutionOutcome outcome) throws IOException, InterruptedException {
        Run<?, ?> run = getContext().get(Run.class);
        FlowNode node = getContext().get(FlowNode.class);
        if (!claim()) {
            return;
        }
        BlinkExecutionAction.record(run, outcome);
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
    }

    /** Ends the step with an error a user can read; never while Jenkins shuts down, as the wait resumes after. */
    private void fail(Exception e) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins == null || jenkins.isTerminating() || !claim()) {
            return;
        }
        if (e instanceof BlinkApiException || e instanceof InvalidInputException) {
            getContext().onFailure(new AbortException(e.getMessage()));
        } else {
            getContext().onFailure(e);
        }
    }

    private synchronized boolean claim() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }

    private synchronized boolean isDone() {
        return done;
    }

    /** The runner, rebuilt from the saved settings after a restart (the key is looked up again). */
    private WorkflowRunner runner() throws IOException, InterruptedException {
        if (runner == null) {
            Run<?, ?> run = getContext().get(Run.class);
            BlinkSession session = BlinkSession.forRun(run, connection, credentialsId);
            client = session.client();
            runner = new WorkflowRunner(client, settings.toRunOptions(), log());
        }
        return runner;
    }

    private BuildLog log() throws IOException, InterruptedException {
        return new BuildLog(getContext().get(TaskListener.class).getLogger());
    }
}
