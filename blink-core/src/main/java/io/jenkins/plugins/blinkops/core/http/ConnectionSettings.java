package io.jenkins.plugins.blinkops.core.http;

import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.target.RunLinkTemplate;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes the HTTP connection to one Blink host except the API key. One pooled
 * HTTP client exists per distinct value (see {@link BlinkTransport#forSettings}), so this is a
 * value type.
 *
 * @param connectTimeout  how long to wait for a TCP connection
 * @param responseTimeout how long to wait for the next bytes of an answer
 * @param callTimeout     the longest one call may take in all, retries included
 * @param maxConcurrentRequests how many requests may be in flight to this host at once; more wait their turn
 * @param proxy           the proxy, or {@code null} to go direct
 * @param userAgent       names the plugin and its version to Blink
 * @param runLink         the form of the web link to one run; {@code null} means {@link RunLinkTemplate#DEFAULT}
 */
public record ConnectionSettings(
        BlinkHost host,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration callTimeout,
        int maxConcurrentRequests,
        ProxySettings proxy,
        RetryPolicy retryPolicy,
        String userAgent,
        RunLinkTemplate runLink) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(90);
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 10;
    /** The longest a form call ({@link #forFormCall()}) may take in all. */
    public static final Duration FORM_CALL_TIMEOUT = Duration.ofSeconds(15);

    public ConnectionSettings {
        Objects.requireNonNull(host, "host");
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("responseTimeout", responseTimeout);
        requirePositive("callTimeout", callTimeout);
        if (maxConcurrentRequests < 1) {
            throw new InvalidInputException(
                    "maxConcurrentRequests", "must be at least 1, was " + maxConcurrentRequests);
        }
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        userAgent = userAgent == null || userAgent.isBlank() ? defaultUserAgent() : userAgent;
        runLink = runLink == null ? RunLinkTemplate.DEFAULT : runLink;
    }

    /** The defaults, for {@code host}. */
    public static ConnectionSettings of(BlinkHost host) {
        return new ConnectionSettings(
                host,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_RESPONSE_TIMEOUT,
                DEFAULT_CALL_TIMEOUT,
                DEFAULT_MAX_CONCURRENT_REQUESTS,
                null,
                RetryPolicy.DEFAULT,
                null,
                RunLinkTemplate.DEFAULT);
    }

    public ConnectionSettings withTimeouts(Duration connect, Duration response, Duration call) {
        return new ConnectionSettings(
                host, connect, response, call, maxConcurrentRequests, proxy, retryPolicy, userAgent, runLink);
    }

    public ConnectionSettings withMaxConcurrentRequests(int max) {
        return new ConnectionSettings(
                host, connectTimeout, responseTimeout, callTimeout, max, proxy, retryPolicy, userAgent, runLink);
    }

    public ConnectionSettings withProxy(ProxySettings newProxy) {
        return new ConnectionSettings(
                host,
                connectTimeout,
                responseTimeout,
                callTimeout,
                maxConcurrentRequests,
                newProxy,
                retryPolicy,
                userAgent,
                runLink);
    }

    public ConnectionSettings withRetryPolicy(RetryPolicy policy) {
        return new ConnectionSettings(
                host,
                connectTimeout,
                responseTimeout,
                callTimeout,
                maxConcurrentRequests,
                proxy,
                policy,
                userAgent,
                runLink);
    }

    /**
     * These settings for a call a person waits for in a form (Test connection, the workflow list):
     * no retry, and every timeout at most {@link #FORM_CALL_TIMEOUT}, so the form answers within it
     * whatever Blink does. Open a transport of its own with them ({@link BlinkTransport#open}) and
     * close it after the call.
     */
    public ConnectionSettings forFormCall() {
        return withTimeouts(
                        shorter(connectTimeout, FORM_CALL_TIMEOUT),
                        shorter(responseTimeout, FORM_CALL_TIMEOUT),
                        shorter(callTimeout, FORM_CALL_TIMEOUT))
                .withRetryPolicy(RetryPolicy.NONE);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public ConnectionSettings withUserAgent(String agent) {
        return new ConnectionSettings(
                host,
                connectTimeout,
                responseTimeout,
                callTimeout,
                maxConcurrentRequests,
                proxy,
                retryPolicy,
                agent,
                runLink);
    }

    /** @param template the form of a run's web link, see {@link RunLinkTemplate} */
    public ConnectionSettings withRunLink(RunLinkTemplate template) {
        return new ConnectionSettings(
                host,
                connectTimeout,
                responseTimeout,
                callTimeout,
                maxConcurrentRequests,
                proxy,
                retryPolicy,
                userAgent,
                template);
    }

    /** {@code blinkops-jenkins-plugin/<version>}, the version from the jar's manifest when there is one. */
    public static String defaultUserAgent() {
        String version = ConnectionSettings.class.getPackage().getImplementationVersion();
        return "blinkops-jenkins-plugin/" + (version == null ? "dev" : version);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InvalidInputException(name, "must be more than zero");
        }
    }
}
