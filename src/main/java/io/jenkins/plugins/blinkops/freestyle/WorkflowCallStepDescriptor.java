package io.jenkins.plugins.blinkops.freestyle;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.tasks.BuildStep;
import hudson.tasks.BuildStepDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.blinkops.call.WorkflowCallFormEndpoints;
import io.jenkins.plugins.blinkops.call.WorkflowCallForms;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The descriptor of a freestyle build step or post-build action that runs a Blink workflow: the
 * shared form endpoints come from {@link WorkflowCallFormEndpoints}; the event as JSON text is a
 * field of these two only (the Pipeline step takes a map).
 */
@Restricted(NoExternalUse.class)
public abstract class WorkflowCallStepDescriptor<T extends BuildStep & Describable<T>> extends BuildStepDescriptor<T>
        implements WorkflowCallFormEndpoints {

    /** Any kind of freestyle-style job may run a workflow: Blink is called from the controller. */
    @Override
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }

    @POST
    public FormValidation doCheckEventJson(@AncestorInPath Item item, @QueryParameter String value) {
        return WorkflowCallForms.checkJsonObject(item, "event", value);
    }
}
