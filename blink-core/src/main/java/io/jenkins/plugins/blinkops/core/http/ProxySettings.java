package io.jenkins.plugins.blinkops.core.http;

import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HTTP proxy, as Jenkins' proxy configuration describes one.
 *
 * @param noProxyHosts the hosts that go direct, as the patterns Jenkins itself makes of its "No Proxy
 *                     Host" field ({@code ProxyConfiguration.getNoProxyHostPatterns}), so that Blink is
 *                     reached the way Jenkins reaches everything else; a host bypasses the proxy when
 *                     one of them matches it whole
 */
public record ProxySettings(String host, int port, String username, String password, List<Pattern> noProxyHosts) {

    public ProxySettings {
        if (host == null || host.isBlank()) {
            throw new InvalidInputException("proxy host", "is empty");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("proxy port", port + " is not a port number (1-65535)");
        }
        noProxyHosts = noProxyHosts == null ? List.of() : List.copyOf(noProxyHosts);
    }

    public static ProxySettings of(String host, int port) {
        return new ProxySettings(host, port, null, null, List.of());
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    /** Whether requests to {@code targetHost} bypass the proxy. */
    public boolean bypasses(String targetHost) {
        return noProxyHosts.stream()
                .anyMatch(pattern -> pattern.matcher(targetHost).matches());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySettings p
                && port == p.port
                && host.equals(p.host)
                && Objects.equals(username, p.username)
                && Objects.equals(password, p.password)
                && patterns().equals(p.patterns());
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, password, patterns());
    }

    /** What the patterns say; a {@link Pattern} itself has no equality. */
    private List<String> patterns() {
        return noProxyHosts.stream().map(Pattern::pattern).toList();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ProxySettings[" + (hasCredentials() ? username + ":****@" : "") + host + ":" + port + ", noProxyHosts="
                + patterns() + "]";
    }
}
