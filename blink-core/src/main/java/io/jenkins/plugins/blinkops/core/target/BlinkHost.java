package io.jenkins.plugins.blinkops.core.target;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Blink host a connection talks to, e.g. {@code https://app.blinkops.com}, an EU or US2 host or
 * a tenant's own. Users paste all sorts of things here, so a trailing slash or a pasted
 * {@code /api/v1} are accepted and dropped.
 */
public final class BlinkHost {
    public static final String DEFAULT_URL = "https://app.blinkops.com";
    private static final String API_PATH = "/api/v1";

    private final String url;

    private BlinkHost(String url) {
        this.url = url;
    }

    public static BlinkHost defaultHost() {
        return new BlinkHost(DEFAULT_URL);
    }

    /**
     * @param text the host URL as typed; blank means {@link #DEFAULT_URL}
     * @throws InvalidInputException when it is not an http(s) URL with a host
     */
    public static BlinkHost parse(String text) {
        if (text == null || text.isBlank()) {
            return defaultHost();
        }
        String trimmed = text.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.toLowerCase(Locale.ROOT).endsWith(API_PATH)) {
            trimmed = trimmed.substring(0, trimmed.length() - API_PATH.length());
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("hostUrl", "'" + text + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidInputException(
                    "hostUrl", "'" + text + "' must start with https:// (for example " + DEFAULT_URL + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidInputException("hostUrl", "'" + text + "' has no host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new InvalidInputException(
                    "hostUrl", "'" + text + "' must be just the host, like " + DEFAULT_URL + ", without query or user");
        }
        return new BlinkHost(trimmed);
    }

    /**
     * Whether the API key would cross a network unencrypted: plain {@code http://} to anything but
     * this machine (a fake Blink on loopback is fine).
     */
    public boolean sendsKeyInClear() {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    /** The URL as normalised, without {@code /api/v1}. */
    public String url() {
        return url;
    }

    /** The API's base URL, {@code host + /api/v1}. */
    public String apiBase() {
        return url + API_PATH;
    }

    /** Blink's web page of a workflow: the one link pattern Blink's own code is known to use. */
    public String workflowLink(String workspaceId, String workflowId) {
        return url + "/workspace/" + segment(workspaceId) + "/workflow/" + segment(workflowId) + "/edit";
    }

    /** Encodes one path segment: ids are opaque to us, so nothing in them may change the path. */
    public static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlinkHost other && url.equals(other.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }

    @Override
    public String toString() {
        return url;
    }
}
