package io.jenkins.plugins.blinkops.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Result;
import hudson.model.Run;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.call.BlinkInput;
import io.jenkins.plugins.blinkops.call.WorkflowCallConfig;
import io.jenkins.plugins.blinkops.call.WorkflowCallForms;
import io.jenkins.plugins.blinkops.core.run.BuildVerdict;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.TriggerCondition;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A post-build action that starts a Blink workflow when the build ends, if its result so far meets
 * the condition. The workflow learns about the build from inputs of its own ({@code jenkins_job},
 * {@code jenkins_build_number}, {@code jenkins_build_url}, {@code jenkins_build_result}); inputs the
 * user sets by those names win. By default nothing that goes wrong here changes the build's result.
 *
 * <p>For freestyle-style jobs only, as Jenkins' own post-build actions: a Pipeline has no final
 * result while it runs, so it says when to run a workflow with {@code post { failure { blinkExecute
 * ... } } }. Hence not a {@code SimpleBuildStep}.
 */
@Restricted(NoExternalUse.class)
public class BlinkPostBuildAction extends Recorder implements WorkflowCallConfig {
    private final String workflowId;
    private TriggerCondition condition = TriggerCondition.ALWAYS;
    private String connection;
    private String credentialsId;
    private String workspaceId;
    private List<BlinkInput> inputs = new ArrayList<>();
    /** On by default here: a workflow run about a finished build usually wants what the build was run with. */
    private boolean passBuildParameters = true;

    private String eventJson;
    private String runner;
    private String triggerType;
    private WaitMode waitMode = WaitMode.FOLLOW;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private FailureHandling onFailure = FailureHandling.IGNORE;
    private boolean cancelOnAbort = true;
    private boolean printOutputs = true;
    private boolean strictReferences;

    @DataBoundConstructor
    public BlinkPostBuildAction(String workflowId) {
        this.workflowId = Util.fixEmptyAndTrim(workflowId);
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        Result result = build.getResult();
        // a build that has no result yet has had no problem so far
        String resultName = (result == null ? Result.SUCCESS : result).toString();
        if (!condition.matches(resultName)) {
            new BuildLog(listener.getLogger()).info(Messages.BlinkPostBuildAction_NotTriggered(resultName, condition));
            return true;
        }
        Map<String, Object> allInputs = new LinkedHashMap<>(TriggerCondition.buildFacts(
                build.getParent().getFullName(), build.getNumber(), absoluteUrl(build), resultName));
        allInputs.putAll(BlinkInput.toMap(inputs));
        ExecutionOutcome outcome;
        try {
            outcome =
                    BuildStepCall.execute(build, build.getEnvironment(listener), listener, this, allInputs, eventJson);
        } catch (AbortException e) {
            // the workflow could not be started: that too is decided by onFailure here
            BuildVerdict verdict = onFailure.verdict();
            if (verdict != BuildVerdict.FAILURE) {
                new BuildLog(listener.getLogger()).warn(e.getMessage());
            }
            BuildStepCall.apply(build, verdict, e.getMessage());
            return true;
        }
        BuildStepCall.apply(build, outcome.verdict(onFailure), outcome.summary());
        return true;
    }

    /** The build's page, or {@code null} while Jenkins' own URL is not configured. */
    private static String absoluteUrl(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? null : root + run.getUrl();
    }

    /** The action runs after the build, whatever happened before it: no other build waits for it. */
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public String getWorkflowId() {
        return workflowId;
    }

    public TriggerCondition getCondition() {
        return condition;
    }

    @DataBoundSetter
    public void setCondition(TriggerCondition condition) {
        this.condition = condition == null ? TriggerCondition.ALWAYS : condition;
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
        this.onFailure = onFailure == null ? FailureHandling.IGNORE : onFailure;
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

    /** No {@code @Symbol}: in a Pipeline a symbol of what is not a step silently does nothing. */
    @Extension
    public static final class DescriptorImpl extends WorkflowCallStepDescriptor<Publisher> {
        public DescriptorImpl() {
            WorkflowCallForms.SHARED_HELP.forEach(
                    field -> addHelpFileRedirect(field, BlinkExecuteBuilder.class, field));
            addHelpFileRedirect("inputs", BlinkExecuteBuilder.class, "inputs");
            addHelpFileRedirect("eventJson", BlinkExecuteBuilder.class, "eventJson");
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BlinkPostBuildAction_DisplayName();
        }
    }
}
