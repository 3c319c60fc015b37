package io.jenkins.plugins.blinkops.core.http;

import io.jenkins.plugins.blinkops.core.json.CappedReader;
import io.jenkins.plugins.blinkops.core.json.ErrorBodies;
import io.jenkins.plugins.blinkops.core.json.JsonByteCapper;
import io.jenkins.plugins.blinkops.core.json.RecordingInputStream;
import io.jenkins.plugins.blinkops.core.json.ResponseReader;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.Operation;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
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
 *
 * <p>Calls that wait long for their answer (a synchronous run) go through {@link #sendAsync}, on
 * an asynchronous client that holds no thread while it waits; it is created on first use and
 * closed with this transport.
 *
 * <p>A shared transport whose settings are no longer configured is {@linkplain #retainOnly retired}:
 * it takes no new call and closes when the last call in flight on it has ended, so that a
 * reconfiguration neither keeps clients for ever nor cuts off a build's call. A call made later on a
 * retired transport (a build that holds its client across polls) goes to the shared transport for
 * the same settings instead.
 */
public final class BlinkTransport implements Closeable {
    private static final ConcurrentMap<ConnectionSettings, BlinkTransport> SHARED = new ConcurrentHashMap<>();

    private final ConnectionSettings settings;
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient http;
    /** Guarded by this; null until the first asynchronous call, or once closed. */
    private AsyncTransport async;

    /** Transports not closed yet, shared or not: what a reconfiguration must not make grow. */
    private static final AtomicInteger OPEN = new AtomicInteger();

    // all three guarded by this
    private boolean closed;
    /** Retired by {@link #retainOnly}: no new call; closed once {@link #callsInFlight} is zero. */
    private boolean retired;

    private int callsInFlight;

    /** Issue 19: the connection's ceiling of requests per second, and where a 429 slows it all. */
    private final RequestBudget budget = new RequestBudget(RequestBudget.DEFAULT_PER_SECOND);

    BlinkTransport(ConnectionSettings settings) {
        this.settings = settings;
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConcurrentRequests())
                .setMaxConnPerRoute(settings.maxConcurrentRequests())
                .setDefaultConnectionConfig(connectionConfig(settings))
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .setUserAgent(settings.userAgent())
                .setDefaultRequestConfig(requestConfig(settings, Duration.ZERO))
                // retries are ours, so that a workflow start is never repeated behind our back
                .disableAutomaticRetries()
                // a redirected POST would silently turn into a GET: report it instead
                .disableRedirectHandling()
                .evictIdleConnections(TimeValue.ofSeconds(30));
        ProxyRouting.configure(settings.proxy(), builder::setRoutePlanner, builder::setDefaultCredentialsProvider);
        this.http = builder.build();
        OPEN.incrementAndGet();
    }

    /** The connection settings both HTTP clients share. */
    static ConnectionConfig connectionConfig(ConnectionSettings settings) {
        return ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                // a pooled connection the server closed would fail the next POST in a way
                // that cannot be retried safely: check connections that sat idle first
                .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
                .build();
    }

    /** A request's timeouts: the answer may take {@code extraWait} longer than usual (a synchronous run). */
    static RequestConfig requestConfig(ConnectionSettings settings, Duration extraWait) {
        return RequestConfig.custom()
                .setResponseTimeout(Timeout.of(settings.responseTimeout().plus(extraWait)))
                .setConnectionRequestTimeout(Timeout.of(settings.callTimeout().plus(extraWait)))
                .build();
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

    /**
     * Retires every shared transport whose settings are not among {@code inUse}: the configuration
     * changed or removed their connection. Each closes when its last call in flight has ended.
     */
    public static void retainOnly(Collection<ConnectionSettings> inUse) {
        Set<ConnectionSettings> kept = Set.copyOf(inUse);
        for (BlinkTransport transport : SHARED.values()) {
            if (!kept.contains(transport.settings)) {
                transport.retire();
            }
        }
    }

    /** Transports open now, shared, retired but still busy, or one-off: none left behind by a reconfiguration. */
    public static int openTransports() {
        return OPEN.get();
    }

    private void retire() {
        SHARED.remove(settings, this);
        boolean idle;
        synchronized (this) {
            retired = true;
            idle = callsInFlight == 0;
        }
        if (idle) {
            close();
        }
    }

    /** Counts a call in; {@code false} when this transport is retired, and the call is to go elsewhere. */
    private synchronized boolean enter() {
        if (retired) {
            return false;
        }
        callsInFlight++;
        return true;
    }

    /** Counts a call out; the last call out of a retired transport closes it. */
    private void leave() {
        boolean closeNow;
        synchronized (this) {
            callsInFlight--;
            closeNow = retired && callsInFlight == 0;
        }
        if (closeNow) {
            close();
        }
    }

    /** Closes every shared transport, e.g. when Jenkins shuts down. */
    public static void closeAll() {
        SHARED.values().forEach(BlinkTransport::close);
        SHARED.clear();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** The ceiling every caller of this connection shares (see {@link RequestBudget}). */
    public RequestBudget budget() {
        return budget;
    }

    /** Connections leased from the pools right now: zero when no call is in flight. */
    public int leasedConnections() {
        AsyncTransport started;
        synchronized (this) {
            started = async;
        }
        return pool.getTotalStats().getLeased() + (started == null ? 0 : started.leasedConnections());
    }

    /** Deadline aborts waiting to fire, of every transport: one per call in flight, none once all ended. */
    public static int pendingDeadlines() {
        return CallDeadlines.SHARED.pending();
    }

    @Override
    public void close() {
        SHARED.remove(settings, this);
        AsyncTransport started;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            started = async;
            async = null;
        }
        if (started != null) {
            started.close();
        }
        // the client, not only its pool: it owns the idle-connection evictor thread, which
        // closing the pool alone left running, one per transport ever opened
        http.close(CloseMode.GRACEFUL);
        OPEN.decrementAndGet();
    }

    /**
     * Sends {@code call}, retrying as the class comment says.
     *
     * @throws InterruptedException when the thread is interrupted or {@code cancellation} is cancelled
     */
    public <T> T send(ApiKey key, ApiCall call, ResponseReader<T> reader, Cancellation cancellation)
            throws BlinkApiException, InterruptedException {
        if (!enter()) {
            return forSettings(settings).send(key, call, reader, cancellation);
        }
        try {
            return sendWithRetries(key, call, reader, cancellation);
        } finally {
            leave();
        }
    }

    private <T> T sendWithRetries(ApiKey key, ApiCall call, ResponseReader<T> reader, Cancellation cancellation)
            throws BlinkApiException, InterruptedException {
        long deadline = System.nanoTime() + Answers.callTimeout(settings, call).toNanos();
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
                if (e.status() == 429) {
                    budget.slowDown(e.retryAfter());
                }
                Duration wait = Retries.waitBefore(settings.retryPolicy(), call.operation(), e, attempt, deadline);
                if (wait == null) {
                    throw e;
                }
                cancellation.sleep(wait);
            }
        }
    }

    /**
     * Sends {@code call} on the asynchronous client, with the same retries (their waits scheduled,
     * not slept), deadline and errors as {@link #send}. No thread waits for the answer; cancelling
     * the future aborts the exchange and closes its connection.
     *
     * @param bodyBudget how many bytes of a 2xx body to keep at most (see {@link JsonByteCapper})
     */
    public <T> CompletableFuture<T> sendAsync(ApiKey key, ApiCall call, CappedReader<T> reader, long bodyBudget) {
        if (!enter()) {
            return forSettings(settings).sendAsync(key, call, reader, bodyBudget);
        }
        CompletableFuture<T> answer;
        try {
            answer = asyncClient().send(key, call, reader, bodyBudget);
        } catch (RuntimeException e) {
            leave();
            throw e;
        }
        // cancelling the answer completes it too, so the call is always counted out; off the
        // asynchronous client's own I/O thread, which must not be the one that closes it
        answer.whenCompleteAsync((value, error) -> leave());
        return answer;
    }

    private synchronized AsyncTransport asyncClient() {
        if (closed) {
            throw new IllegalStateException("the transport to " + settings.host() + " is closed");
        }
        if (async == null) {
            async = new AsyncTransport(settings, this::uri);
        }
        return async;
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
            request.setConfig(requestConfig(settings, call.extraWait()));
        }
        // both abort the request in flight: the deadline when it passes, the cancellation when cancelled
        Cancellation.Registration deadlineAbort = CallDeadlines.SHARED.abortAt(deadline, request::cancel);
        Cancellation.Registration cancelAbort = cancellation.whileRunning(request::cancel);
        try {
            return http.execute(request, response -> handle(response, call, reader, key));
        } catch (BlinkApiException e) {
            throw e;
        } catch (IOException e) {
            throw Answers.failure(e, call, request.isCancelled(), settings);
        } finally {
            cancelAbort.close();
            deadlineAbort.close();
        }
    }

    URI uri(ApiCall call) {
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
            String body = response.getEntity() == null
                    ? ""
                    : ErrorBodies.read(response.getEntity(), Answers.ERROR_BODY_LIMIT);
            throw Answers.error(
                    status,
                    body,
                    value(response.getFirstHeader("Location")),
                    value(response.getFirstHeader("Retry-After")),
                    call,
                    key);
        }
        RecordingInputStream body = new RecordingInputStream(
                response.getEntity() == null
                        ? InputStream.nullInputStream()
                        : response.getEntity().getContent());
        return Answers.read(status, body, body::head, call, reader, key);
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }
}
