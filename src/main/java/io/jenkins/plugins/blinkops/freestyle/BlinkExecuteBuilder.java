package io.jenkins.plugins.blinkops.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.call.BlinkInput;
import io.jenkins.plugins.blinkops.call.WorkflowCallConfig;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.PausedHandling;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A freestyle build step that starts a Blink workflow and, unless told not to, waits for its result.
 * Not a {@code SimpleBuildStep} on purpose: in a Pipeline that would make a second way in, through
 * {@code step(...)}, that holds a thread for the whole wait; Pipelines have {@code blinkExecute}.
 */
@Restricted(NoExternalUse.class)
public class BlinkExecuteBuilder extends Builder implements WorkflowCallConfig {
    private final String workflowId;
    private String connection;
    private String credentialsId;
    private String workspaceId;
    private List<BlinkInput> inputs = new ArrayList<>();
    private boolean passBuildParameters;
    private String eventJson;
    private String runner;
    private String triggerType;
    private WaitMode waitMode = WaitMode.FOLLOW;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private FailureHandling onFailure = FailureHandling.FAILURE;
    private boolean cancelOnAbort = true;
    private boolean printOutputs = true;
    private boolean strictReferences;
    private PausedHandling onPaused = PausedHandling.WAIT;
    /** Stored inverted: a job saved before progress was printed reads {@code false} here, and prints it. */
    private boolean hideProgress;

    private String pastExecutionRef;
    /** Stored inverted, as {@link #hideProgress}. */
    private boolean withholdJenkinsContext;

    @DataBoundConstructor
    public BlinkExecuteBuilder(String workflowId) {
        this.workflowId = Util.fixEmptyAndTrim(workflowId);
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        ExecutionOutcome outcome = BuildStepCall.execute(
                build, build.getEnvironment(listener), listener, this, BlinkInput.toMap(inputs), eventJson);
        BuildStepCall.apply(build, outcome.verdict(onFailure), outcome.summary());
        return true;
    }

    @Override
    public String getWorkflowId() {
        return workflowId;
    }

    @Override
    public String getConnection() {
        return connection;
    }

    @DataBoundSetter
    public void setConnection(String connection) {
        this.connection = Util.fixEmptyAndTrim(connection);
    }

    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Override
    public String getWorkspaceId() {
        return workspaceId;
    }

    @DataBoundSetter
    public void setWorkspaceId(String workspaceId) {
        this.workspaceId = Util.fixEmptyAndTrim(workspaceId);
    }

    public List<BlinkInput> getInputs() {
        return List.copyOf(inputs);
    }

    @DataBoundSetter
    public void setInputs(List<BlinkInput> inputs) {
        this.inputs = inputs == null ? new ArrayList<>() : new ArrayList<>(inputs);
    }

    @Override
    public boolean isPassBuildParameters() {
        return passBuildParameters;
    }

    @DataBoundSetter
    public void setPassBuildParameters(boolean passBuildParameters) {
        this.passBuildParameters = passBuildParameters;
    }

    public String getEventJson() {
        return eventJson;
    }

    @DataBoundSetter
    public void setEventJson(String eventJson) {
        this.eventJson = Util.fixEmptyAndTrim(eventJson);
    }

    @Override
    public String getRunner() {
        return runner;
    }

    @DataBoundSetter
    public void setRunner(String runner) {
        this.runner = Util.fixEmptyAndTrim(runner);
    }

    @Override
    public String getTriggerType() {
        return triggerType;
    }

    @DataBoundSetter
    public void setTriggerType(String triggerType) {
        this.triggerType = Util.fixEmptyAndTrim(triggerType);
    }

    @Override
    public WaitMode getWaitMode() {
        return waitMode;
    }

    @DataBoundSetter
    public void setWaitMode(WaitMode waitMode) {
        this.waitMode = waitMode == null ? WaitMode.FOLLOW : waitMode;
    }

    @Override
    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    @Override
    public FailureHandling getOnFailure() {
        return onFailure;
    }

    @DataBoundSetter
    public void setOnFailure(FailureHandling onFailure) {
        this.onFailure = onFailure == null ? FailureHandling.FAILURE : onFailure;
    }

    @Override
    public boolean isCancelOnAbort() {
        return cancelOnAbort;
    }

    @DataBoundSetter
    public void setCancelOnAbort(boolean cancelOnAbort) {
        this.cancelOnAbort = cancelOnAbort;
    }

    @Override
    public boolean isPrintOutputs() {
        return printOutputs;
    }

    @DataBoundSetter
    public void setPrintOutputs(boolean printOutputs) {
        this.printOutputs = printOutputs;
    }

    @Override
    public boolean isStrictReferences() {
        return strictReferences;
    }

    @DataBoundSetter
    public void setStrictReferences(boolean strictReferences) {
        this.strictReferences = strictReferences;
    }

    @Override
    public PausedHandling getOnPaused() {
        // null in a job saved before it was a setting
        return onPaused == null ? PausedHandling.WAIT : onPaused;
    }

    @DataBoundSetter
    public void setOnPaused(PausedHandling onPaused) {
        this.onPaused = onPaused == null ? PausedHandling.WAIT : onPaused;
    }

    @Override
    public boolean isProgress() {
        return !hideProgress;
    }

    @DataBoundSetter
    public void setProgress(boolean progress) {
        this.hideProgress = !progress;
    }

    @Override
    public String getPastExecutionRef() {
        return pastExecutionRef;
    }

    @DataBoundSetter
    public void setPastExecutionRef(String pastExecutionRef) {
        this.pastExecutionRef = Util.fixEmptyAndTrim(pastExecutionRef);
    }

    @Override
    public boolean isSendJenkinsContext() {
        return !withholdJenkinsContext;
    }

    @DataBoundSetter
    public void setSendJenkinsContext(boolean sendJenkinsContext) {
        this.withholdJenkinsContext = !sendJenkinsContext;
    }

    /** No {@code @Symbol}: in a Pipeline a symbol of what is not a step silently does nothing. */
    @Extension
    public static final class DescriptorImpl extends WorkflowCallStepDescriptor<Builder> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BlinkExecuteBuilder_DisplayName();
        }
    }
}
