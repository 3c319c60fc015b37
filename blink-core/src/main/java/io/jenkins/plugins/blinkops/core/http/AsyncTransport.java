package io.jenkins.plugins.blinkops.core.http;

import io.jenkins.plugins.blinkops.core.json.CappedReader;
import io.jenkins.plugins.blinkops.core.json.RecordingInputStream;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;

/**
 * The asynchronous side of {@link BlinkTransport}, for calls whose answer may take long (a
 * synchronous run, held by Blink up to its timeout): HttpClient 5's async client, configured as
 * the blocking one (pool, timeouts, {@code User-Agent}, proxy), with one I/O thread for all its
 * calls. A call waiting for its answer holds no thread; a retry's wait is scheduled, not slept.
 */
final class AsyncTransport implements Closeable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ConnectionSettings settings;
    private final Function<ApiCall, URI> uris;
    private final PoolingAsyncClientConnectionManager pool;
    private final CloseableHttpAsyncClient http;

    AsyncTransport(ConnectionSettings settings, Function<ApiCall, URI> uris) {
        this.settings = settings;
        this.uris = uris;
        this.pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConcurrentRequests())
                .setMaxConnPerRoute(settings.maxConcurrentRequests())
                .setDefaultConnectionConfig(BlinkTransport.connectionConfig(settings))
                // HTTP/1.1 as the blocking client speaks it: one request per connection, so that
                // aborting a call closes its connection (HTTP/2 would only reset a shared stream)
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .build())
                .build();
        HttpAsyncClientBuilder builder = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setUserAgent(settings.userAgent())
                .setDefaultRequestConfig(BlinkTransport.requestConfig(settings, Duration.ZERO))
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                .setThreadFactory(
                        daemonThreads("Blink async I/O " + settings.host().url()))
                // as in the blocking client: retries are ours, and a redirect is reported
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .evictIdleConnections(TimeValue.ofSeconds(30));
        ProxyRouting.configure(settings.proxy(), builder::setRoutePlanner, builder::setDefaultCredentialsProvider);
        this.http = builder.build();
        http.start();
    }

    int leasedConnections() {
        return pool.getTotalStats().getLeased();
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    <T> CompletableFuture<T> send(ApiKey key, ApiCall call, CappedReader<T> reader, long bodyBudget) {
        return new Exchange<>(key, call, reader, bodyBudget).start();
    }

    /** One call: its tries, its deadline, and the future that ends it. */
    private final class Exchange<T> {
        private final ApiKey key;
        private final ApiCall call;
        private final CappedReader<T> reader;
        private final long bodyBudget;
        private final long deadline;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicReference<Future<?>> inFlight = new AtomicReference<>();
        private final Cancellation.Registration deadlineAbort;
        private volatile boolean deadlinePassed;

        Exchange(ApiKey key, ApiCall call, CappedReader<T> reader, long bodyBudget) {
            this.key = key;
            this.call = call;
            this.reader = reader;
            this.bodyBudget = bodyBudget;
            this.deadline =
                    System.nanoTime() + Answers.callTimeout(settings, call).toNanos();
            this.deadlineAbort = CallDeadlines.SHARED.abortAt(deadline, this::deadlinePassed);
        }

        CompletableFuture<T> start() {
            result.whenComplete((value, error) -> {
                deadlineAbort.close();
                if (result.isCancelled()) {
                    // closes the connection: Blink sees the request end at once
                    abortInFlight();
                }
            });
            attempt(1);
            return result;
        }

        private void attempt(int number) {
            if (result.isDone()) {
                return;
            }
            try {
                send(number);
            } catch (RuntimeException e) {
                // e.g. the transport was closed meanwhile: end the call rather than leave it hanging
                result.completeExceptionally(e);
            }
        }

        private void send(int number) {
            SimpleRequestBuilder builder = SimpleRequestBuilder.create(call.method())
                    .setUri(uris.apply(call))
                    .setHeader("BLINK-API-KEY", key.value())
                    .setHeader("Accept", "application/json");
            if (call.jsonBody() != null) {
                builder.setBody(call.jsonBody(), ContentType.APPLICATION_JSON);
            }
            SimpleHttpRequest request = builder.build();
            request.setConfig(BlinkTransport.requestConfig(settings, call.extraWait()));
            inFlight.set(http.execute(
                    SimpleRequestProducer.create(request),
                    new CappedAnswerConsumer(bodyBudget),
                    new FutureCallback<>() {
                        @Override
                        public void completed(CappedAnswerConsumer.Received received) {
                            answered(received, number);
                        }

                        @Override
                        public void failed(Exception e) {
                            IOException io = e instanceof IOException ioe ? ioe : new IOException(e);
                            retryOrFail(Answers.failure(io, call, deadlinePassed, settings), number);
                        }

                        @Override
                        public void cancelled() {
                            // by the deadline (which ends the call itself) or by the caller: nothing to add
                        }
                    }));
            if (result.isDone()) {
                abortInFlight();
            }
        }

        private void answered(CappedAnswerConsumer.Received received, int number) {
            try {
                if (!received.isSuccess()) {
                    throw Answers.error(
                            received.status(),
                            new String(received.body(), StandardCharsets.UTF_8),
                            received.location(),
                            received.retryAfter(),
                            call,
                            key);
                }
                RecordingInputStream body = new RecordingInputStream(new ByteArrayInputStream(received.body()));
                result.complete(Answers.read(
                        received.status(),
                        body,
                        received.head()::text,
                        call,
                        text -> reader.read(text, received.cut()),
                        key));
            } catch (BlinkApiException e) {
                retryOrFail(e, number);
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private void retryOrFail(BlinkApiException failure, int number) {
            Duration wait = Retries.waitBefore(settings.retryPolicy(), call.operation(), failure, number, deadline);
            if (wait == null || deadlinePassed) {
                result.completeExceptionally(failure);
                return;
            }
            CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(number + 1));
        }

        private void deadlinePassed() {
            deadlinePassed = true;
            result.completeExceptionally(
                    Answers.failure(new IOException("the call's deadline passed"), call, true, settings));
            abortInFlight();
        }

        private void abortInFlight() {
            Future<?> exchange = inFlight.get();
            if (exchange != null) {
                exchange.cancel(true);
            }
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name + " #" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
