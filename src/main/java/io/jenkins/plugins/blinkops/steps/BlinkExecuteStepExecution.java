package io.jenkins.plugins.blinkops.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.call.BuildVariables;
import io.jenkins.plugins.blinkops.call.PreparedCall;
import io.jenkins.plugins.blinkops.config.BackgroundCalls;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.FollowState;
import io.jenkins.plugins.blinkops.core.run.WorkflowRunner;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code blinkExecute}: starts the workflow on {@link BackgroundCalls}, then follows it as every
 * {@link FollowingStepExecution} does. A synchronous run is the engine's asynchronous call, which
 * holds no thread while Blink holds the request.
 */
class BlinkExecuteStepExecution extends FollowingStepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(BlinkExecuteStepExecution.class.getName());

    /** Only needed to start: inputs and event may hold anything a script passed, so they are not saved. */
    private final transient BlinkExecuteStep step;

    /** Blink holds a synchronous run of this step: there is no execution id to follow after a restart. */
    private volatile boolean syncSent;

    BlinkExecuteStepExecution(BlinkExecuteStep step, StepContext context) {
        super(context, step.getConnection(), step.getCredentialsId(), step.toRunSettings());
        this.step = step;
    }

    @Override
    public boolean start() {
        inBackground(this::begin);
        return false;
    }

    private void begin() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        BuildLog log = log();
        PreparedCall call =
                PreparedCall.prepare(run, BuildVariables.asGiven(run), log, step, step.getInputs(), step.getEvent());
        WorkflowRunner runner = call.runner(log);
        use(call.client(), runner);
        if (isDone()) {
            return;
        }
        switch (settings().waitMode()) {
            case NONE -> {
                FollowState started = start(runner, call.request());
                if (!abortedWhileStarting(started)) {
                    finish(runner.notWaiting(started));
                }
            }
            case SYNC -> {
                syncSent = true;
                getContext().saveState();
                runner.runSyncAsync(call.request())
                        .whenComplete((outcome, error) -> BackgroundCalls.submit(() -> syncEnded(outcome, error)));
            }
            case FOLLOW -> {
                listenForCallback(call);
                follow(start(runner, call.request()));
            }
        }
    }

    /**
     * A synchronous run ended: Blink answered, or the call failed or was cancelled by {@link #stop}.
     * Called on {@link BackgroundCalls}, as the engine completes its future on its I/O thread.
     */
    private void syncEnded(ExecutionOutcome outcome, Throwable error) {
        guarded(() -> {
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
        });
    }

    /** Nothing to follow: the start may or may not have reached Blink, so the step cannot go on. */
    @Override
    void resumeBeforeFollowing() {
        getContext()
                .onFailure(new AbortException(
                        syncSent
                                ? Messages.BlinkExecuteStep_RestartedDuringSync()
                                : Messages.BlinkExecuteStep_RestartedWhileStarting()));
    }

    @Override
    String statusBeforeFollowing() {
        return Messages.BlinkExecuteStep_StatusStarting(settings().waitMode());
    }

    /**
     * Only while it starts a workflow: a restart then could lose the execution id. Not while Blink
     * holds a synchronous run, which may take the whole timeout: a restart then ends the step, saying
     * why (see {@link #resumeBeforeFollowing()}).
     */
    @Override
    public boolean blocksRestart() {
        return !isDone() && following() == null && !syncSent;
    }
}
