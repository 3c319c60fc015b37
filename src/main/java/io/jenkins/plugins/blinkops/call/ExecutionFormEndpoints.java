package io.jenkins.plugins.blinkops.call;

import hudson.model.Item;
import hudson.util.FormValidation;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form endpoints of the steps that act on an execution by its id ({@code blinkWait},
 * {@code blinkCancel}): the connection's fields and the execution id.
 */
@Restricted(NoExternalUse.class)
public interface ExecutionFormEndpoints extends ConnectionFormEndpoints {

    @POST
    default FormValidation doCheckExecutionId(@AncestorInPath Item item, @QueryParameter String value) {
        return WorkflowCallForms.checkExecutionId(item, value);
    }
}
