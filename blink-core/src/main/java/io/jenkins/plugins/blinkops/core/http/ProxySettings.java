package io.jenkins.plugins.blinkops.core.http;

import io.jenkins.plugins.blinkops.core.model.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP proxy, as Jenkins' proxy configuration describes one.
 *
 * @param noProxyHosts host names that go direct; {@code *} is a wildcard, as in Jenkins' "No Proxy Host" field
 */
public record ProxySettings(String host, int port, String username, String password, List<String> noProxyHosts) {

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

    /** Splits a "No Proxy Host" field as Jenkins writes it: one pattern a line, or separated by commas. */
    public static List<String> parseNoProxyHosts(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,|;]+")).filter(s -> !s.isEmpty()).toList();
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    /** Whether requests to {@code targetHost} bypass the proxy. */
    public boolean bypasses(String targetHost) {
        String target = targetHost.toLowerCase(Locale.ROOT);
        return noProxyHosts.stream()
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .anyMatch(pattern -> matches(pattern.toLowerCase(Locale.ROOT), target));
    }

    private static boolean matches(String pattern, String host) {
        String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q");
        return host.matches(regex);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySettings p
                && port == p.port
                && host.equals(p.host)
                && Objects.equals(username, p.username)
                && Objects.equals(password, p.password)
                && noProxyHosts.equals(p.noProxyHosts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, password, noProxyHosts);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ProxySettings[" + (hasCredentials() ? username + ":****@" : "") + host + ":" + port + ", noProxyHosts="
                + noProxyHosts + "]";
    }
}
