package io.jenkins.plugins.blinkops.call;

import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form endpoints of the fields every workflow call has, for the descriptors of the freestyle
 * step, the post-build action and the Pipeline step. Those descriptors belong to two hierarchies
 * ({@code BuildStepDescriptor} and {@code StepDescriptor}), so the endpoints are default methods of
 * an interface: Stapler finds web methods on a descriptor's interfaces, and Jenkins finds the
 * {@code doFill}/{@code doCheck} methods of a field through {@code Class.getMethods()}, which lists
 * them too. The interface is public so that reflection may call them. Each one delegates to
 * {@link WorkflowCallForms}, where the logic and the permission checks are. The fields that name no
 * workflow come from {@link ConnectionFormEndpoints}.
 */
@Restricted(NoExternalUse.class)
public interface WorkflowCallFormEndpoints extends ConnectionFormEndpoints {

    @POST
    default ComboBoxModel doFillWorkflowIdItems(
            @AncestorInPath Item item,
            @QueryParameter String connection,
            @QueryParameter String credentialsId,
            @QueryParameter String workspaceId) {
        return WorkflowCallForms.fillWorkflowIdItems(item, connection, credentialsId, workspaceId);
    }

    @POST
    default FormValidation doCheckWorkflowId(
            @AncestorInPath Item item,
            @QueryParameter String connection,
            @QueryParameter String credentialsId,
            @QueryParameter String workspaceId,
            @QueryParameter String value) {
        return WorkflowCallForms.checkWorkflowId(item, connection, credentialsId, workspaceId, value);
    }

    @POST
    default FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
        return WorkflowCallForms.checkTimeoutMinutes(item, value);
    }
}
