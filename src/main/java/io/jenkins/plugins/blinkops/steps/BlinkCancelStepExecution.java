package io.jenkins.plugins.blinkops.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.config.BackgroundCalls;
import io.jenkins.plugins.blinkops.config.BlinkSession;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/** Runs {@code blinkCancel}: one short call on {@link BackgroundCalls}, never on the Pipeline's own thread. */
class BlinkCancelStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(BlinkCancelStepExecution.class.getName());

    private final String connection;
    private final String credentialsId;
    private final String workspaceId;
    private final String executionId;
    /** Set when the step has ended, by Blink's answer or by an abort, whichever came first. */
    private final AtomicBoolean ended = new AtomicBoolean();

    BlinkCancelStepExecution(BlinkCancelStep step, StepContext context) {
        super(context);
        this.connection = step.getConnection();
        this.credentialsId = step.getCredentialsId();
        this.workspaceId = step.getWorkspaceId();
        this.executionId = step.getExecutionId();
    }

    @Override
    public boolean start() {
        BackgroundCalls.submit(connection, this::cancel);
        return false;
    }

    private void cancel() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            BuildLog log = new BuildLog(getContext().get(TaskListener.class).getLogger());
            boolean cancelled =
                    BlinkSession.forRun(run, connection, credentialsId).cancel(workspaceId, executionId, log);
            if (ended.compareAndSet(false, true)) {
                getContext().onSuccess(cancelled);
            }
        } catch (InterruptedException e) {
            LOGGER.log(Level.FINE, "Interrupted while cancelling a Blink execution", e);
        } catch (Exception e) {
            if (ended.compareAndSet(false, true)) {
                getContext().onFailure(FollowingStepExecution.forUser(e));
            }
        }
    }

    /** The cancel is one call, bounded by the connection's timeouts: a safe restart may wait for it. */
    @Override
    public boolean blocksRestart() {
        return !ended.get();
    }

    /** Only after a hard restart in the middle of the call: whether Blink got it is unknown. */
    @Override
    public void onResume() {
        if (ended.compareAndSet(false, true)) {
            getContext().onFailure(new AbortException(Messages.BlinkCancelStep_RestartedWhileCancelling(executionId)));
        }
    }

    @Override
    public void stop(Throwable cause) {
        if (ended.compareAndSet(false, true)) {
            getContext().onFailure(cause);
        }
    }

    @Override
    public String getStatus() {
        return Messages.BlinkCancelStep_Status(executionId);
    }
}
