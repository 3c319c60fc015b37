package io.jenkins.plugins.blinkops.steps;

import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.core.client.ExecutionRef;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Runs {@code blinkWait}: resolves the execution it was given, then follows it like any other. */
class BlinkWaitStepExecution extends FollowingStepExecution {
    private static final long serialVersionUID = 1L;

    private final String workspaceId;
    private final String executionId;

    BlinkWaitStepExecution(BlinkWaitStep step, StepContext context) {
        super(context, step.getConnection(), step.getCredentialsId(), step.toRunSettings());
        this.workspaceId = step.getWorkspaceId();
        this.executionId = step.getExecutionId();
    }

    @Override
    public boolean start() {
        inBackground(this::begin);
        return false;
    }

    /** Checks the id and workspace before anything is sent; the first poll then finds the execution. */
    private void begin() throws Exception {
        ExecutionRef execution = openSession().execution(workspaceId, executionId);
        if (!isDone()) {
            follow(runner().follow(execution));
        }
    }

    /** Nothing was sent yet, and following is only reading: begin again. */
    @Override
    void resumeBeforeFollowing() {
        inBackground(this::begin);
    }

    @Override
    String statusBeforeFollowing() {
        return Messages.BlinkWaitStep_StatusStarting(executionId);
    }
}
