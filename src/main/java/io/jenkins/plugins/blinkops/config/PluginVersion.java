package io.jenkins.plugins.blinkops.config;

import hudson.PluginWrapper;
import jenkins.model.Jenkins;

/** Names this plugin and its version to Blink, in the {@code User-Agent} of every request. */
final class PluginVersion {
    private PluginVersion() {}

    static String userAgent() {
        PluginWrapper plugin = Jenkins.get().getPluginManager().whichPlugin(PluginVersion.class);
        return "blinkops-jenkins-plugin/" + (plugin == null ? "dev" : plugin.getVersion());
    }
}
