package io.jenkins.plugins.blinkops;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Items;
import hudson.model.Run;
import hudson.util.XStream2;
import io.jenkins.plugins.blinkops.call.BlinkExecutionAction;
import io.jenkins.plugins.blinkops.call.BlinkInput;
import io.jenkins.plugins.blinkops.freestyle.BlinkCancelBuilder;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import io.jenkins.plugins.blinkops.freestyle.BlinkPostBuildAction;
import java.util.List;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The names under which the classes that Jenkins stores in jobs' config.xml and builds' build.xml
 * were written before the plugin's classes moved into packages of their own, so that what was saved
 * then still loads. A name stays here for as long as a Jenkins may hold files written with it. (The
 * global configuration reads its own file with its own XStream: see {@code BlinkGlobalConfiguration}.)
 */
@Restricted(NoExternalUse.class)
public final class PersistedNames {
    private static final String FLAT = "io.jenkins.plugins.blinkops.";

    /** Old name (without the package) to the class that reads it now. */
    static final Map<String, Class<?>> MOVED = Map.of(
            "BlinkExecuteBuilder", BlinkExecuteBuilder.class,
            "BlinkPostBuildAction", BlinkPostBuildAction.class,
            "BlinkCancelBuilder", BlinkCancelBuilder.class,
            "BlinkInput", BlinkInput.class,
            "BlinkExecutionAction", BlinkExecutionAction.class,
            "BlinkExecutionAction$Execution", BlinkExecutionAction.Execution.class);

    private PersistedNames() {}

    /** Before any plugin loads its configuration, jobs or builds. */
    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void register() {
        for (XStream2 xstream : List.of(Items.XSTREAM2, Run.XSTREAM2)) {
            MOVED.forEach((name, type) -> xstream.addCompatibilityAlias(FLAT + name, type));
        }
    }
}
