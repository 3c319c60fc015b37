package io.jenkins.plugins.blinkops;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.tasks.BuildStep;
import hudson.tasks.BuildStepDescriptor;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The descriptor of a freestyle build step or post-build action that runs a Blink workflow: the
 * form methods of the workflow call fields, written once for both (Stapler finds inherited web
 * methods; the class is public so that they are found without bridge methods). Each delegates to
 * {@link WorkflowCallForms}, which the Pipeline step's descriptor uses too.
 */
public abstract class WorkflowCallStepDescriptor<T extends BuildStep & Describable<T>> extends BuildStepDescriptor<T> {

    /** Any kind of freestyle-style job may run a workflow: Blink is called from the controller. */
    @Override
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }

    @POST
    public ListBoxModel doFillConnectionItems(@AncestorInPath Item item, @QueryParameter String connection) {
        return WorkflowCallForms.fillConnectionItems(item, connection);
    }

    @POST
    public FormValidation doCheckConnection(@AncestorInPath Item item, @QueryParameter String value) {
        return WorkflowCallForms.checkConnection(item, value);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String connection, @QueryParameter String credentialsId) {
        return WorkflowCallForms.fillCredentialsIdItems(item, connection, credentialsId);
    }

    @POST
    public FormValidation doCheckCredentialsId(
            @AncestorInPath Item item, @QueryParameter String connection, @QueryParameter String value) {
        return WorkflowCallForms.checkCredentialsId(item, connection, value);
    }

    @POST
    public FormValidation doCheckWorkspaceId(
            @AncestorInPath Item item, @QueryParameter String connection, @QueryParameter String value) {
        return WorkflowCallForms.checkWorkspaceId(item, connection, value);
    }

    @POST
    public ComboBoxModel doFillWorkflowIdItems(
            @AncestorInPath Item item,
            @QueryParameter String connection,
            @QueryParameter String credentialsId,
            @QueryParameter String workspaceId) {
        return WorkflowCallForms.fillWorkflowIdItems(item, connection, credentialsId, workspaceId);
    }

    @POST
    public FormValidation doCheckWorkflowId(
            @AncestorInPath Item item,
            @QueryParameter String connection,
            @QueryParameter String credentialsId,
            @QueryParameter String workspaceId,
            @QueryParameter String value) {
        return WorkflowCallForms.checkWorkflowId(item, connection, credentialsId, workspaceId, value);
    }

    @POST
    public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
        return WorkflowCallForms.checkTimeoutMinutes(item, value);
    }

    @POST
    public FormValidation doCheckEventJson(@AncestorInPath Item item, @QueryParameter String value) {
        return WorkflowCallForms.checkEventJson(item, value);
    }
}
