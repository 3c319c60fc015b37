package io.jenkins.plugins.blinkops.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.call.BuildVariables;
import io.jenkins.plugins.blinkops.call.ExecutionFormEndpoints;
import io.jenkins.plugins.blinkops.config.BlinkSession;
import io.jenkins.plugins.blinkops.core.client.VariableExpander;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.IOException;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A freestyle build step that asks Blink to cancel an execution by its id, typically
 * {@code ${BLINK_EXECUTION_ID}} of a Blink step earlier in the build: what {@code blinkCancel} does
 * in a Pipeline. An execution that has already ended is not an error. Not a {@code SimpleBuildStep},
 * for the reason {@link BlinkExecuteBuilder} gives: Pipelines have {@code blinkCancel}.
 */
@Restricted(NoExternalUse.class)
public class BlinkCancelBuilder extends Builder {
    private final String executionId;
    private String connection;
    private String credentialsId;
    private String workspaceId;

    @DataBoundConstructor
    public BlinkCancelBuilder(String executionId) {
        this.executionId = Util.fixEmptyAndTrim(executionId);
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        BuildLog log = new BuildLog(listener.getLogger());
        BlinkSession session = BlinkSession.forRun(build, connection, credentialsId);
        // strict: an id with a reference left in it can only be wrong, and Blink would only say "not found"
        VariableExpander expander = new VariableExpander(
                BuildVariables.of(build, build.getEnvironment(listener)).references(),
                true,
                unused -> {},
                sensitive -> log.warn(Messages.BlinkCancelBuilder_SensitiveReference(sensitive)));
        try {
            session.cancel(
                    expand(expander, workspaceId, "workspaceId"), expand(expander, executionId, "executionId"), log);
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.PreparedCall_InvalidInput(e.getMessage()));
        } catch (BlinkApiException e) {
            throw new AbortException(e.getMessage());
        }
        return true;
    }

    private static String expand(VariableExpander expander, String text, String field) {
        return text == null ? null : expander.expand(text, field);
    }

    public String getExecutionId() {
        return executionId;
    }

    public String getConnection() {
        return connection;
    }

    @DataBoundSetter
    public void setConnection(String connection) {
        this.connection = Util.fixEmptyAndTrim(connection);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    @DataBoundSetter
    public void setWorkspaceId(String workspaceId) {
        this.workspaceId = Util.fixEmptyAndTrim(workspaceId);
    }

    /** No {@code @Symbol}: in a Pipeline a symbol of what is not a step silently does nothing. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements ExecutionFormEndpoints {
        public DescriptorImpl() {
            // the same connection and key as the step that started the execution
            List.of("connection", "credentialsId")
                    .forEach(field -> addHelpFileRedirect(field, BlinkExecuteBuilder.class, field));
        }

        /** Any kind of freestyle-style job may cancel an execution: Blink is called from the controller. */
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BlinkCancelBuilder_DisplayName();
        }
    }
}
