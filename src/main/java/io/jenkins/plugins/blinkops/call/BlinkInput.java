package io.jenkins.plugins.blinkops.call;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.blinkops.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One input of a workflow as typed in a form: a name and a text value that may hold {@code ${NAME}}. */
@Restricted(NoExternalUse.class)
public class BlinkInput implements Describable<BlinkInput> {
    private final String name;
    private final String value;

    @DataBoundConstructor
    public BlinkInput(String name, String value) {
        this.name = Util.fixEmptyAndTrim(name);
        this.value = Util.fixNull(value);
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    /** The rows as the engine takes inputs; of two rows with the same name, the later wins. */
    public static Map<String, String> toMap(List<BlinkInput> inputs) {
        Map<String, String> map = new LinkedHashMap<>();
        if (inputs != null) {
            inputs.forEach(input -> map.put(input.getName(), input.getValue()));
        }
        return map;
    }

    @Extension
    @Symbol("blinkInput")
    public static class DescriptorImpl extends Descriptor<BlinkInput> {
        @Override
        public String getDisplayName() {
            return Messages.BlinkInput_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            if (!WorkflowCallForms.canConfigure(item)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.BlinkInput_NameRequired())
                    : FormValidation.ok();
        }
    }
}
