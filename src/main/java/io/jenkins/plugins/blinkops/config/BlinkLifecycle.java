package io.jenkins.plugins.blinkops.config;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What the plugin holds while Jenkins runs: the pool of background calls, opened when Jenkins
 * starts, and the pooled connections to Blink; both closed when it shuts down.
 */
@Restricted(NoExternalUse.class)
public final class BlinkLifecycle {
    private BlinkLifecycle() {}

    @Initializer(after = InitMilestone.PLUGINS_STARTED)
    public static void start() {
        BackgroundCalls.open();
    }

    @Terminator
    public static void stop() {
        BackgroundCalls.shutdown();
        BlinkTransport.closeAll();
    }
}
