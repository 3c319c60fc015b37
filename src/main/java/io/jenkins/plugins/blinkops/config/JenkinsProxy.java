package io.jenkins.plugins.blinkops.config;

import hudson.ProxyConfiguration;
import hudson.Util;
import hudson.util.Secret;
import io.jenkins.plugins.blinkops.core.http.ProxySettings;
import jenkins.model.Jenkins;

/**
 * Jenkins' own proxy configuration (Manage Jenkins › System › HTTP Proxy Configuration), as the
 * engine's {@link ProxySettings}.
 */
final class JenkinsProxy {
    private JenkinsProxy() {}

    /** The proxy Jenkins is configured with, or {@code null} to go direct. */
    static ProxySettings current() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null || Util.fixEmptyAndTrim(proxy.getName()) == null) {
            return null;
        }
        Secret password = proxy.getSecretPassword();
        return new ProxySettings(
                proxy.getName().strip(),
                proxy.getPort(),
                Util.fixEmptyAndTrim(proxy.getUserName()),
                password == null ? null : Util.fixEmpty(password.getPlainText()),
                proxy.getNoProxyHostPatterns());
    }
}
