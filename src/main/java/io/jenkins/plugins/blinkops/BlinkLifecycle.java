package io.jenkins.plugins.blinkops;

import hudson.init.Terminator;
import io.jenkins.plugins.blinkops.core.BlinkTransport;

/** Closes the pooled connections to Blink and stops the background calls when Jenkins shuts down. */
public final class BlinkShutdown {
    private BlinkShutdown() {}

    @Terminator
    public static void closeConnections() {
        BackgroundCalls.shutdown();
        BlinkTransport.closeAll();
    }
}
