package io.jenkins.plugins.blinkops.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.call.WorkflowCallConfig;
import io.jenkins.plugins.blinkops.call.WorkflowCallFormEndpoints;
import io.jenkins.plugins.blinkops.call.WorkflowCallForms;
import io.jenkins.plugins.blinkops.core.json.JsonValues;
import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.PausedHandling;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
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
 * {@code blinkExecute}: starts a Blink workflow from a Pipeline, waits as asked without holding a
 * thread or an executor, and returns what happened as a map (see {@code ExecutionOutcome.toMap()}).
 *
 * <p>Inputs and event are JSON object text to Jenkins, which can describe, generate and validate a
 * text parameter but not a {@code Map} or an {@code Object} (the Steps Reference showed an error and
 * a choice of every describable). A script still passes maps: {@link DescriptorImpl#customInstantiate}
 * turns them into JSON text, keeping every value's JSON type.
 */
@Restricted(NoExternalUse.class)
public class BlinkExecuteStep extends BlinkStep implements WorkflowCallConfig {
    private final String workflowId;
    private String inputs;
    private boolean passBuildParameters;
    private String event;
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
    public BlinkExecuteStep(String workflowId) {
        this.workflowId = Util.fixEmptyAndTrim(workflowId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BlinkExecuteStepExecution(this, context);
    }

    @Override
    public String getWorkflowId() {
        return workflowId;
    }

    /** The workflow's inputs as JSON object text; values keep their JSON types. */
    public String getInputs() {
        return inputs;
    }

    @DataBoundSetter
    public void setInputs(String inputs) {
        this.inputs = Util.fixEmptyAndTrim(inputs);
    }

    @Override
    public boolean isPassBuildParameters() {
        return passBuildParameters;
    }

    @DataBoundSetter
    public void setPassBuildParameters(boolean passBuildParameters) {
        this.passBuildParameters = passBuildParameters;
    }

    /** The event as JSON object text. */
    public String getEvent() {
        return event;
    }

    @DataBoundSetter
    public void setEvent(String event) {
        this.event = Util.fixEmptyAndTrim(event);
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

    @Extension
    public static final class DescriptorImpl extends StepDescriptor
            implements WorkflowCallFormEndpoints, CustomDescribableModel {
        public DescriptorImpl() {
            WorkflowCallForms.SHARED_HELP.forEach(
                    field -> addHelpFileRedirect(field, BlinkExecuteBuilder.class, field));
            addHelpFileRedirect("onFailure", BlinkExecuteBuilder.class, "onFailure");
        }

        @Override
        public String getFunctionName() {
            return "blinkExecute";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BlinkExecuteStep_DisplayName();
        }

        /**
         * Takes {@code inputs} and {@code event} as maps too, as scripts write them, by turning a map
         * into the JSON text that the step's parameters hold.
         */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            Map<String, Object> asText = new LinkedHashMap<>(arguments);
            for (String field : List.of("inputs", "event")) {
                asText.computeIfPresent(
                        field,
                        (name, value) -> value instanceof Map<?, ?>
                                ? JsonValues.toJson(value).toString()
                                : value);
            }
            return asText;
        }

        @POST
        public FormValidation doCheckInputs(@AncestorInPath Item item, @QueryParameter String value) {
            return WorkflowCallForms.checkJsonObject(item, "inputs", value);
        }

        @POST
        public FormValidation doCheckEvent(@AncestorInPath Item item, @QueryParameter String value) {
            return WorkflowCallForms.checkJsonObject(item, "event", value);
        }

        /** Blink is called from the controller: the step needs no {@code node} block. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
