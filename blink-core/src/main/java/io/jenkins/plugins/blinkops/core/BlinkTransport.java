package io.jenkins.plugins.blinkops.core;

import static io.jenkins.plugins.blinkops.core.BlinkApiException.Reason.INVALID_ANSWER;
import static io.jenkins.plugins.blinkops.core.BlinkApiException.Reason.NOT_SENT;
import static io.jenkins.plugins.blinkops.core.BlinkApiException.Reason.NO_ANSWER;
import static io.jenkins.plugins.blinkops.core.BlinkApiException.Reason.TIMED_OUT;

import com.google.gson.JsonParseException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP side of talking to Blink: one pooled client per {@link ConnectionSettings}, shared by
 * every build that uses them, with the retry rules of {@code blink-api.md}:
 *
 * <ul>
 *   <li>any call is retried when Blink cannot have acted: the connection failed, or Blink answered
 *       429 or 503 (waiting as {@code Retry-After} asks);
 *   <li>a {@linkplain Operation#repeatable repeatable} call (a GET, a cancel) is also retried after
 *       other transient failures;
 *   <li>a workflow start is never sent again once Blink may have received it, so a build step can
 *       never start a workflow twice.
 * </ul>
 *
 * Every call has a hard deadline ({@link ConnectionSettings#callTimeout()}, retries included) after
 * which the request in flight is aborted, so no build waits on a silent network for ever.
 */
public final class BlinkTransport implements Closeable {
    private static final ConcurrentMap<ConnectionSettings, BlinkTransport> SHARED = new ConcurrentHashMap<>();
    /** How much of an error answer is read to find Blink's message; the rest is not needed. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final ConnectionSettings settings;
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient http;

    BlinkTransport(ConnectionSettings settings) {
        this.settings = settings;
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConcurrentRequests())
                .setMaxConnPerRoute(settings.maxConcurrentRequests())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                        // a pooled connection the server closed would fail the next POST in a way
                        // that cannot be retried safely: check connections that sat idle first
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
                        .build())
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .setUserAgent(settings.userAgent())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(settings.callTimeout()))
                        .build())
                // retries are ours, so that a workflow start is never repeated behind our back
                .disableAutomaticRetries()
                // a redirected POST would silently turn into a GET: report it instead
                .disableRedirectHandling()
                .evictIdleConnections(TimeValue.ofSeconds(30));
        configureProxy(builder, settings.proxy());
        this.http = builder.build();
    }

    /** The shared transport for these settings, created on first use. */
    public static BlinkTransport forSettings(ConnectionSettings settings) {
        return SHARED.computeIfAbsent(settings, BlinkTransport::new);
    }

    /**
     * A transport of its own, not shared, for a one-off call such as a connection test with
     * settings that may never be saved: close it afterwards.
     */
    public static BlinkTransport open(ConnectionSettings settings) {
        return new BlinkTransport(settings);
    }

    /** Closes every shared transport, e.g. when Jenkins shuts down. */
    public static void closeAll() {
        SHARED.values().forEach(BlinkTransport::close);
        SHARED.clear();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** Connections leased from the pool right now: zero when no call is in flight. */
    public int leasedConnections() {
        return pool.getTotalStats().getLeased();
    }

    /** Deadline aborts waiting to fire, of every transport: one per call in flight, none once all ended. */
    static int pendingDeadlines() {
        return CallDeadlines.SHARED.pending();
    }

    @Override
    public void close() {
        SHARED.remove(settings, this);
        pool.close();
    }

    /**
     * Sends {@code call}, retrying as the class comment says.
     *
     * @throws InterruptedException when the thread is interrupted or {@code cancellation} is cancelled
     */
    <T> T send(ApiKey key, ApiCall call, ResponseReader<T> reader, Cancellation cancellation)
            throws BlinkApiException, InterruptedException {
        long deadline = System.nanoTime() + callTimeout(call).toNanos();
        for (int attempt = 1; ; attempt++) {
            if (Thread.interrupted() || cancellation.isCancelled()) {
                throw new InterruptedException("cancelled before " + call.operation().verb);
            }
            try {
                return sendOnce(key, call, reader, cancellation, deadline);
            } catch (BlinkApiException e) {
                if (cancellation.isCancelled()) {
                    throw new InterruptedException("cancelled while trying to " + call.operation().verb);
                }
                Duration wait = waitBeforeRetry(call.operation(), e, attempt, deadline);
                if (wait == null) {
                    throw e;
                }
                cancellation.sleep(wait);
            }
        }
    }

    private Duration callTimeout(ApiCall call) {
        return settings.callTimeout().plus(call.extraWait());
    }

    /** The wait before the next try, or {@code null} when {@code failure} must not be retried. */
    private Duration waitBeforeRetry(Operation op, BlinkApiException failure, int attempt, long deadline) {
        RetryPolicy policy = settings.retryPolicy();
        if (attempt >= policy.maxAttempts() || !Retries.mayRetry(op, failure)) {
            return null;
        }
        Duration wait = failure.retryAfter() != null ? failure.retryAfter() : policy.backoff(attempt);
        if (wait.compareTo(policy.maxRetryAfter()) > 0) {
            return null;
        }
        boolean fitsDeadline = System.nanoTime() + wait.toNanos() < deadline;
        return fitsDeadline ? wait : null;
    }

    private <T> T sendOnce(ApiKey key, ApiCall call, ResponseReader<T> reader, Cancellation cancellation, long deadline)
            throws BlinkApiException {
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), uri(call));
        request.setHeader("BLINK-API-KEY", key.value());
        request.setHeader("Accept", "application/json");
        if (call.jsonBody() != null) {
            request.setEntity(new StringEntity(call.jsonBody(), ContentType.APPLICATION_JSON));
        }
        if (!call.extraWait().isZero()) {
            request.setConfig(RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(settings.responseTimeout().plus(call.extraWait())))
                    .setConnectionRequestTimeout(Timeout.of(callTimeout(call)))
                    .build());
        }
        // both abort the request in flight: the deadline when it passes, the cancellation when cancelled
        Cancellation.Registration deadlineAbort = CallDeadlines.SHARED.abortAt(deadline, request::cancel);
        Cancellation.Registration cancelAbort = cancellation.whileRunning(request::cancel);
        try {
            return http.execute(request, response -> handle(response, call, reader, key));
        } catch (BlinkApiException e) {
            throw e;
        } catch (IOException e) {
            throw classify(e, call, request.isCancelled());
        } finally {
            cancelAbort.close();
            deadlineAbort.close();
        }
    }

    private URI uri(ApiCall call) {
        String query = call.query().entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(settings.host().apiBase() + call.path() + (query.isEmpty() ? "" : "?" + query));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T handle(ClassicHttpResponse response, ApiCall call, ResponseReader<T> reader, ApiKey key)
            throws IOException {
        int status = response.getCode();
        if (status < 200 || status >= 300) {
            throw errorFor(response, call, key);
        }
        // no body at all (a 204) is read as an empty one: a reader that needs none (cancel) accepts it
        RecordingInputStream body = new RecordingInputStream(
                response.getEntity() == null
                        ? InputStream.nullInputStream()
                        : response.getEntity().getContent());
        try (Reader text = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            return reader.read(text);
        } catch (RecordingInputStream.ConnectionBroken e) {
            throw e;
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            String head = Redaction.redact(body.head(), key);
            throw invalidAnswer(call, status, head.isEmpty() ? "an empty body" : "'" + head + "'");
        }
    }

    private static BlinkApiException invalidAnswer(ApiCall call, int status, String what) {
        return new BlinkApiException(
                INVALID_ANSWER,
                status,
                what,
                "Blink answered HTTP " + status + " to the request to " + call.operation().verb
                        + " but the answer is not the JSON expected: it was " + what + ".",
                null);
    }

    private BlinkApiException errorFor(ClassicHttpResponse response, ApiCall call, ApiKey key) throws IOException {
        int status = response.getCode();
        String body = response.getEntity() == null ? "" : ErrorBodies.read(response.getEntity(), ERROR_BODY_LIMIT);
        String message = Redaction.redact(ErrorBodies.message(body), key);
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader("Location");
            return new BlinkApiException(
                    BlinkApiException.Reason.HTTP_STATUS,
                    status,
                    message,
                    "Blink answered with a redirect (HTTP " + status + ")"
                            + (location == null ? "" : " to " + location.getValue())
                            + ": set the connection's host URL to where it points.",
                    null);
        }
        Header retryAfter = response.getFirstHeader("Retry-After");
        return BlinkApiException.forStatus(
                call.operation(),
                call.target(),
                status,
                message,
                RetryAfter.parse(retryAfter == null ? null : retryAfter.getValue()));
    }

    private BlinkApiException classify(IOException e, ApiCall call, boolean aborted) {
        String verb = call.operation().verb;
        String host = settings.host().url();
        if (aborted) {
            return new BlinkApiException(
                    TIMED_OUT,
                    0,
                    null,
                    "Gave up trying to " + verb + " after " + Durations.describe(callTimeout(call))
                            + " (the connection's call timeout).",
                    null);
        }
        if (e instanceof UnknownHostException) {
            return new BlinkApiException(
                    NOT_SENT, 0, null, "Cannot find the host of " + host + ": check the connection's host URL.", e);
        }
        if (e instanceof ConnectException || e instanceof ConnectTimeoutException) {
            return new BlinkApiException(
                    NOT_SENT,
                    0,
                    null,
                    "Cannot connect to " + host + " (" + e.getClass().getSimpleName() + "): check the host URL, "
                            + "the proxy settings and that Jenkins can reach Blink.",
                    e);
        }
        if (e instanceof SocketTimeoutException) {
            return new BlinkApiException(
                    TIMED_OUT,
                    0,
                    null,
                    "Blink did not answer within " + Durations.describe(settings.responseTimeout()) + " when asked to "
                            + verb + (call.operation().repeatable ? "." : mayHaveActed()),
                    e);
        }
        return new BlinkApiException(
                NO_ANSWER,
                0,
                null,
                "The connection to " + host + " broke while trying to " + verb + " ("
                        + e.getClass().getSimpleName() + ")" + (call.operation().repeatable ? "." : mayHaveActed()),
                e);
    }

    private static String mayHaveActed() {
        return ". Blink may have started the workflow; it was not sent again so that it cannot run twice.";
    }

    private static void configureProxy(HttpClientBuilder builder, ProxySettings proxy) {
        if (proxy == null) {
            return;
        }
        HttpHost proxyHost = new HttpHost(proxy.host(), proxy.port());
        builder.setRoutePlanner(new DefaultProxyRoutePlanner(proxyHost) {
            @Override
            protected HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
                return proxy.bypasses(target.getHostName()) ? null : super.determineProxy(target, context);
            }
        });
        if (proxy.hasCredentials()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            char[] password =
                    proxy.password() == null ? new char[0] : proxy.password().toCharArray();
            credentials.setCredentials(
                    new AuthScope(proxyHost), new UsernamePasswordCredentials(proxy.username(), password));
            builder.setDefaultCredentialsProvider(credentials);
        }
    }
}
