package io.jenkins.plugins.blinkops.call;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form endpoints of the fields every Blink step has (where to call Blink, with which key, in
 * which workspace), for every descriptor; see {@link WorkflowCallFormEndpoints} for why they are
 * default methods of a public interface. Each one delegates to {@link WorkflowCallForms}, where the
 * logic and the permission checks are.
 */
@Restricted(NoExternalUse.class)
public interface ConnectionFormEndpoints {

    @POST
    default ListBoxModel doFillConnectionItems(@AncestorInPath Item item, @QueryParameter String connection) {
        return WorkflowCallForms.fillConnectionItems(item, connection);
    }

    @POST
    default FormValidation doCheckConnection(@AncestorInPath Item item, @QueryParameter String value) {
        return WorkflowCallForms.checkConnection(item, value);
    }

    @POST
    default ListBoxModel doFillCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String connection, @QueryParameter String credentialsId) {
        return WorkflowCallForms.fillCredentialsIdItems(item, connection, credentialsId);
    }

    @POST
    default FormValidation doCheckCredentialsId(
            @AncestorInPath Item item, @QueryParameter String connection, @QueryParameter String value) {
        return WorkflowCallForms.checkCredentialsId(item, connection, value);
    }

    @POST
    default FormValidation doCheckWorkspaceId(
            @AncestorInPath Item item, @QueryParameter String connection, @QueryParameter String value) {
        return WorkflowCallForms.checkWorkspaceId(item, connection, value);
    }
}
