package io.jenkins.plugins.blinkops.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.call.ExecutionFormEndpoints;
import io.jenkins.plugins.blinkops.call.RunSettings;
import io.jenkins.plugins.blinkops.call.WorkflowCallConfig;
import io.jenkins.plugins.blinkops.call.WorkflowCallForms;
import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.PausedHandling;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code blinkWait}: follows an execution started anywhere (by {@code blinkExecute waitMode: 'NONE'},
 * another job, Blink itself) until it ends, as {@code blinkExecute} follows its own, and returns the
 * same map. It did not start the execution, so by default an abort leaves it running in Blink.
 */
@Restricted(NoExternalUse.class)
public class BlinkWaitStep extends ExecutionStep {
    private int timeoutMinutes = WorkflowCallConfig.DEFAULT_TIMEOUT_MINUTES;
    private FailureHandling onFailure = FailureHandling.FAILURE;
    private boolean cancelOnAbort;
    private boolean printOutputs = true;
    private PausedHandling onPaused = PausedHandling.WAIT;
    /** Stored inverted: a step saved before progress was printed reads {@code false} here, and prints it. */
    private boolean hideProgress;

    @DataBoundConstructor
    public BlinkWaitStep(String executionId) {
        super(executionId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BlinkWaitStepExecution(this, context);
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public FailureHandling getOnFailure() {
        return onFailure;
    }

    @DataBoundSetter
    public void setOnFailure(FailureHandling onFailure) {
        this.onFailure = onFailure == null ? FailureHandling.FAILURE : onFailure;
    }

    public boolean isCancelOnAbort() {
        return cancelOnAbort;
    }

    @DataBoundSetter
    public void setCancelOnAbort(boolean cancelOnAbort) {
        this.cancelOnAbort = cancelOnAbort;
    }

    public boolean isPrintOutputs() {
        return printOutputs;
    }

    @DataBoundSetter
    public void setPrintOutputs(boolean printOutputs) {
        this.printOutputs = printOutputs;
    }

    public PausedHandling getOnPaused() {
        // null in a job saved before it was a setting
        return onPaused == null ? PausedHandling.WAIT : onPaused;
    }

    @DataBoundSetter
    public void setOnPaused(PausedHandling onPaused) {
        this.onPaused = onPaused == null ? PausedHandling.WAIT : onPaused;
    }

    public boolean isProgress() {
        return !hideProgress;
    }

    @DataBoundSetter
    public void setProgress(boolean progress) {
        this.hideProgress = !progress;
    }

    RunSettings toRunSettings() {
        return new RunSettings(
                WaitMode.FOLLOW, timeoutMinutes, onFailure, cancelOnAbort, printOutputs, getOnPaused(), hideProgress);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements ExecutionFormEndpoints {
        public DescriptorImpl() {
            // the same words as blinkExecute's where the field means the same
            List.of("connection", "credentialsId", "printOutputs", "onPaused", "progress")
                    .forEach(field -> addHelpFileRedirect(field, BlinkExecuteBuilder.class, field));
        }

        @Override
        public String getFunctionName() {
            return "blinkWait";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BlinkWaitStep_DisplayName();
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return WorkflowCallForms.checkTimeoutMinutes(item, value);
        }

        /** Blink is called from the controller: the step needs no {@code node} block. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
