package io.jenkins.plugins.blinkops.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.ProxyConfiguration;
import hudson.XmlFile;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Drops the pooled connections of settings no longer configured, whenever the Blink connections
 * (from the form or Configuration as Code) or Jenkins' proxy are saved: without it every change of
 * a connection left one more HTTP client and its thread until Jenkins shut down. Calls in flight on
 * a dropped transport finish first (see {@link BlinkTransport#retainOnly}).
 */
@Extension
@Restricted(NoExternalUse.class)
public class RetiredTransports extends SaveableListener {

    @Override
    public void onChange(Saveable o, XmlFile file) {
        if (o instanceof BlinkGlobalConfiguration config) {
            BlinkTransport.retainOnly(config.settingsInUse());
        } else if (o instanceof ProxyConfiguration) {
            // the proxy may be saved before this plugin's configuration is loaded
            ExtensionList.lookup(BlinkGlobalConfiguration.class).stream()
                    .findFirst()
                    .ifPresent(config -> BlinkTransport.retainOnly(config.settingsInUse()));
        }
    }
}
