package io.jenkins.plugins.blinkops.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.call.ExecutionFormEndpoints;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code blinkCancel}: asks Blink to cancel an execution by its id, and returns whether Blink
 * cancelled it; {@code false}, and no error, when it had already ended.
 */
@Restricted(NoExternalUse.class)
public class BlinkCancelStep extends ExecutionStep {
    @DataBoundConstructor
    public BlinkCancelStep(String executionId) {
        super(executionId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new BlinkCancelStepExecution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements ExecutionFormEndpoints {
        public DescriptorImpl() {
            List.of("connection", "credentialsId")
                    .forEach(field -> addHelpFileRedirect(field, BlinkExecuteBuilder.class, field));
            // an execution is found the same way whether it is waited for or cancelled
            List.of("executionId", "workspaceId")
                    .forEach(field -> addHelpFileRedirect(field, BlinkWaitStep.class, field));
        }

        @Override
        public String getFunctionName() {
            return "blinkCancel";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BlinkCancelStep_DisplayName();
        }

        /** Blink is called from the controller: the step needs no {@code node} block. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
