package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Makes the callbacks of ended runs. Executions keep no timers (their state is worked out from the
 * server's clock, which a test may move by hand), so one daemon thread looks every {@link
 * #TICK_MILLIS} at the runs that still owe a callback and sends the ones due by that clock. It is
 * started by the first run with a callback, and stopped by {@link #close()}. Calls go out
 * asynchronously, so a receiver that is slow or unreachable never holds up the other runs' calls.
 */
final class CallbackSender implements AutoCloseable {
    private static final long TICK_MILLIS = 20;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final LongSupplier clock;
    private final Queue<Owed> owed = new ConcurrentLinkedQueue<>();
    /** Guarded by itself. */
    private final List<SentCallback> sent = new ArrayList<>();
    /** Both guarded by this; null until the first callback, and after close. */
    private ScheduledExecutorService ticker;

    private HttpClient http;
    private boolean closed;

    CallbackSender(LongSupplier clock) {
        this.clock = clock;
    }

    /** A run whose end is announced to {@code callback}; with {@link CallbackDelivery#NEVER}, never. */
    void announce(FakeExecution execution, Callback callback, CallbackDelivery delivery, CallbackMetadata metadata) {
        if (delivery.calls() == 0) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            if (ticker == null) {
                http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
                ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "fake-blink-callbacks");
                    thread.setDaemon(true);
                    return thread;
                });
                ticker.scheduleWithFixedDelay(this::sendDue, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        owed.add(new Owed(execution, callback, delivery, metadata));
    }

    List<SentCallback> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    void forget() {
        owed.clear();
        synchronized (sent) {
            sent.clear();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        owed.clear();
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void sendDue() {
        long now = clock.getAsLong();
        for (Iterator<Owed> it = owed.iterator(); it.hasNext(); ) {
            Owed o = it.next();
            Long endsAt = o.execution.endsAt();
            boolean cancelled = o.execution.cancelled();
            while (o.calls < o.delivery.calls() && now >= o.delivery.dueAt(o.calls, endsAt, cancelled)) {
                o.calls++;
                send(o, now);
            }
            if (o.calls == o.delivery.calls()) {
                it.remove();
            }
        }
    }

    private void send(Owed o, long now) {
        Callback callback = o.callback;
        String body = body(o).toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(callback.headers());
        if (!callback.cookies().isEmpty()) {
            headers.put(
                    "Cookie",
                    callback.cookies().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(callback.url()))
                    .timeout(CALL_TIMEOUT)
                    .method(callback.method(), HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            // a URL, method or header HttpClient cannot send: Blink could not have called it either,
            // and an exception here would end the ticker, and every other run's callback with it
            record(o, now, headers, body, -1);
            return;
        }
        HttpClient client;
        synchronized (this) {
            client = http;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) ->
                        record(o, now, headers, body, response == null ? -1 : response.statusCode()));
    }

    private void record(Owed o, long now, Map<String, String> headers, String body, int status) {
        SentCallback record =
                new SentCallback(o.execution.id(), now, o.callback.url(), o.callback.method(), headers, body, status);
        synchronized (sent) {
            sent.add(record);
        }
    }

    /** The request's body, with the metadata the server's variant adds unless the request excludes them. */
    private JsonObject body(Owed o) {
        JsonObject body = o.callback.body().deepCopy();
        if (o.callback.excludeDefaultMetadata() || o.metadata == CallbackMetadata.NONE) {
            return body;
        }
        FakeExecution execution = o.execution;
        JsonObject metadata = new JsonObject();
        metadata.addProperty("execution_id", execution.id());
        metadata.addProperty("workspace_id", execution.workspaceId());
        metadata.addProperty("playbook_id", execution.workflowId());
        metadata.addProperty("state", execution.state());
        if (o.metadata == CallbackMetadata.NESTED) {
            if (!body.has("metadata")) {
                body.add("metadata", metadata);
            }
        } else {
            metadata.entrySet().stream()
                    .filter(e -> !body.has(e.getKey()))
                    .forEach(e -> body.add(e.getKey(), e.getValue()));
        }
        return body;
    }

    /** A run that still owes calls, and how many it made. Only the ticker thread touches {@code calls}. */
    private static final class Owed {
        final FakeExecution execution;
        final Callback callback;
        final CallbackDelivery delivery;
        final CallbackMetadata metadata;
        int calls;

        Owed(FakeExecution execution, Callback callback, CallbackDelivery delivery, CallbackMetadata metadata) {
            this.execution = execution;
            this.callback = callback;
            this.delivery = delivery;
            this.metadata = metadata;
        }
    }
}
