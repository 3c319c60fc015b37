package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A Blink API server for tests: a real HTTP server on 127.0.0.1 that answers, under
 * {@code /api/v1}, the calls of Blink's API reference that the plugin makes, in the reference's
 * shapes (see {@link BlinkApi}), from workspaces and workflows configured in code. Unknown
 * workspace and workflow ids answer 404, as Blink does, unless {@link #acceptAnyWorkflow(boolean)}.
 *
 * <p>Every request is recorded before it is answered. Faults queued with {@link #fault(Route,
 * Fault)} are taken, one per request and first in first out per route, after the API key was
 * checked (a request with a wrong key gets 401 and keeps the fault queued). The reliability tests
 * depend on this rule about when a fault strikes:
 *
 * <ul>
 *   <li>the statuses 429, 503, 401, 403 and 404 answer <em>instead of</em> the request: on {@link
 *       Route#EXECUTE} no execution is created, since Blink cannot have acted, so a client may send
 *       the request again;
 *   <li>every other fault (500, 502, 504, any other status, a reset connection, a slow answer, an
 *       HTML, truncated or empty body) strikes <em>after</em> the request was carried out: the
 *       execution exists (or the cancel took effect) but the client cannot know it, so a client must
 *       not start the workflow a second time. A slow fault delays the normal answer; on a
 *       {@code run_sync=true} execute the delay comes after the wait for the workflow.
 * </ul>
 *
 * <p>Executions keep no timers: their state is worked out from {@link #clock(LongSupplier)} at each
 * look, so a benchmark can follow 1,000 ten-minute workflows by moving a simulated clock. Only a
 * {@code run_sync=true} execute and a slow fault wait in real time. Requests are served by a cached
 * thread pool, so a slow answer never holds up the others.
 *
 * <p>An execute request with a {@code callback} gets it called when the run ends, by one daemon
 * thread that checks the runs owing a callback against the same clock (see {@link CallbackSender}):
 * when and how often as {@link #callbackDelivery} says, with the body {@link #callbackMetadata}
 * says. Each call made is recorded ({@link #callbacks()}).
 */
public final class FakeBlinkServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK server's small writes meet delayed ACKs: 40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
    }

    /** Room for a thousand clients connecting at once. */
    private static final int BACKLOG = 1024;

    private final HttpServer http;
    private final ExecutorService executor;

    private volatile String apiKey = "test-api-key";
    private volatile boolean acceptAnyWorkflow;
    private volatile Consumer<FakeWorkflow> autoCreatedSetup = wf -> {};
    private volatile LongSupplier clock = System::currentTimeMillis;
    private volatile boolean omitStateUi;
    private volatile OutputsLocation outputsLocation = OutputsLocation.STEPS;
    private volatile SyncTimeoutAnswer syncTimeoutAnswer = SyncTimeoutAnswer.STATUS_408;
    private volatile CancelAnswers cancelAnswers = CancelAnswers.OLD_SPEC;
    private volatile ExecutionListing executionListing = ExecutionListing.FILTER_HONOURED;
    private volatile CallbackDelivery callbackDelivery = CallbackDelivery.AFTER_END;
    private volatile CallbackMetadata callbackMetadata = CallbackMetadata.TOP_LEVEL;
    private final CallbackSender callbacks = new CallbackSender(this::now);

    private final ConcurrentSkipListMap<String, FakeWorkspace> workspaces = new ConcurrentSkipListMap<>();
    private final Map<String, FakeExecution> executionsById = new ConcurrentHashMap<>();
    private final Queue<FakeExecution> executionsInOrder = new ConcurrentLinkedQueue<>();
    /** Guarded by itself. */
    private final Map<Route, Queue<Fault>> faults = new EnumMap<>(Route.class);
    /** Guarded by itself; a null route marks a request to a path the fake does not know. */
    private final List<Recorded> requests = new ArrayList<>();

    private record Recorded(Route route, RecordedRequest request) {}

    /** Requests whose handler runs and whose answer has not started yet; see {@link #peakInFlight()}. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private final AtomicInteger peakInFlight = new AtomicInteger();

    private FakeBlinkServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1 on a free port. */
    public static FakeBlinkServer start() {
        return start(0);
    }

    /** Starts on 127.0.0.1 on this port (0: any free port). */
    public static FakeBlinkServer start(int port) {
        HttpServer http;
        try {
            http = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        FakeBlinkServer server = new FakeBlinkServer(http, executor);
        http.setExecutor(executor);
        http.createContext("/", new RequestDispatcher(server));
        http.start();
        return server;
    }

    /** The host URL, without {@code /api/v1}, as a user types it into the plugin. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops at once: open connections are dropped, waiting requests interrupted, callbacks owed forgotten. */
    @Override
    public void close() {
        callbacks.close();
        http.stop(0);
        executor.shutdownNow();
    }

    // ---- configuration

    /** The one valid API key; default "test-api-key". */
    public FakeBlinkServer apiKey(String key) {
        this.apiKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /** A workspace the key may run workflows in. */
    public FakeBlinkServer workspace(String wsId, String name) {
        FakeWorkspace ws = workspaceOrCreate(wsId);
        ws.name(name);
        ws.forbidden(false);
        return this;
    }

    /** A workspace that exists but where the key's user has no role: 403 on everything in it. */
    public FakeBlinkServer forbiddenWorkspace(String wsId) {
        workspaceOrCreate(wsId).forbidden(true);
        return this;
    }

    /** The workflow, registered (with its workspace) if new, for configuration. */
    public FakeWorkflow workflow(String wsId, String workflowId) {
        return workspaceOrCreate(wsId).workflow(workflowId, id -> new FakeWorkflow(wsId, id));
    }

    /** When true, any workspace and workflow id exists: unknown ones are created on first use. */
    public FakeBlinkServer acceptAnyWorkflow(boolean yes) {
        this.acceptAnyWorkflow = yes;
        return this;
    }

    /** Configures each workflow that {@link #acceptAnyWorkflow(boolean)} creates, e.g. how long it takes. */
    public FakeBlinkServer autoCreatedWorkflows(Consumer<FakeWorkflow> setup) {
        this.autoCreatedSetup = Objects.requireNonNull(setup, "setup");
        return this;
    }

    /** The time executions are measured by, in epoch ms; default the system clock. */
    public FakeBlinkServer clock(LongSupplier epochMillis) {
        this.clock = Objects.requireNonNull(epochMillis, "epochMillis");
        return this;
    }

    /** Answer only {@code state}, not {@code state_ui}, so the client must fall back. */
    public FakeBlinkServer omitStateUi(boolean yes) {
        this.omitStateUi = yes;
        return this;
    }

    /** Where a followed run's outputs can be read; default {@link OutputsLocation#STEPS}. */
    public FakeBlinkServer outputsIn(OutputsLocation location) {
        this.outputsLocation = Objects.requireNonNull(location, "location");
        return this;
    }

    /** What a synchronous run that outlives its timeout answers; default {@link SyncTimeoutAnswer#STATUS_408}. */
    public FakeBlinkServer syncTimeoutAnswer(SyncTimeoutAnswer answer) {
        this.syncTimeoutAnswer = Objects.requireNonNull(answer, "answer");
        return this;
    }

    /** What cancel answers; default {@link CancelAnswers#OLD_SPEC}. */
    public FakeBlinkServer cancelAnswers(CancelAnswers answers) {
        this.cancelAnswers = Objects.requireNonNull(answers, "answers");
        return this;
    }

    /** How the executions listing treats its query; default {@link ExecutionListing#FILTER_HONOURED}. */
    public FakeBlinkServer executionListing(ExecutionListing listing) {
        this.executionListing = Objects.requireNonNull(listing, "listing");
        return this;
    }

    /** When and how often an execute request's callback is called; default {@link CallbackDelivery#AFTER_END}. */
    public FakeBlinkServer callbackDelivery(CallbackDelivery delivery) {
        this.callbackDelivery = Objects.requireNonNull(delivery, "delivery");
        return this;
    }

    /** What a callback's body carries besides the request's own; default {@link CallbackMetadata#TOP_LEVEL}. */
    public FakeBlinkServer callbackMetadata(CallbackMetadata metadata) {
        this.callbackMetadata = Objects.requireNonNull(metadata, "metadata");
        return this;
    }

    // ---- faults

    /** Queues a fault for the next request on this route. */
    public FakeBlinkServer fault(Route route, Fault fault) {
        return fault(route, fault, 1);
    }

    /** Queues a fault for the next {@code times} requests on this route. */
    public FakeBlinkServer fault(Route route, Fault fault, int times) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(fault, "fault");
        synchronized (faults) {
            Queue<Fault> queue = faults.computeIfAbsent(route, r -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(fault);
            }
        }
        return this;
    }

    // ---- recording

    /** Every request received, in order of arrival. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return requests.stream().map(Recorded::request).toList();
        }
    }

    public List<RecordedRequest> requests(Route route) {
        synchronized (requests) {
            return requests.stream()
                    .filter(r -> r.route() == route)
                    .map(Recorded::request)
                    .toList();
        }
    }

    public int count(Route route) {
        synchronized (requests) {
            return (int) requests.stream().filter(r -> r.route() == route).count();
        }
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /** Every callback made so far, in order of the answers (or failures) they got. */
    public List<SentCallback> callbacks() {
        return callbacks.sent();
    }

    /**
     * Requests in flight at the server now: received, and not yet answered (a slow answer is in
     * flight while it waits). An answer counts as given when its first byte is about to be written.
     */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests in flight at once since the server started or {@link #resetPeakInFlight()}. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** Starts measuring {@link #peakInFlight()} afresh, from the requests in flight now. */
    public void resetPeakInFlight() {
        peakInFlight.set(inFlight.get());
    }

    /**
     * Forgets every execution and every recorded request, so that a long run (a soak test) does not
     * keep them all in memory. Executions still running are forgotten too: only call it between
     * batches.
     */
    public void forgetExecutions() {
        executionsById.clear();
        executionsInOrder.clear();
        callbacks.forget();
        clearRequests();
    }

    /** The execution with this id, or null. */
    public FakeExecution execution(String executionId) {
        return executionsById.get(executionId);
    }

    /** All executions, in order of creation. */
    public List<FakeExecution> executions() {
        return List.copyOf(executionsInOrder);
    }

    // ---- for the request handlers

    String apiKey() {
        return apiKey;
    }

    long now() {
        return clock.getAsLong();
    }

    boolean omitStateUi() {
        return omitStateUi;
    }

    OutputsLocation outputsLocation() {
        return outputsLocation;
    }

    SyncTimeoutAnswer syncTimeoutAnswer() {
        return syncTimeoutAnswer;
    }

    CancelAnswers cancelAnswers() {
        return cancelAnswers;
    }

    ExecutionListing executionListing() {
        return executionListing;
    }

    void requestArrived() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
    }

    void requestAnswering() {
        inFlight.decrementAndGet();
    }

    void record(Route route, RecordedRequest request) {
        synchronized (requests) {
            requests.add(new Recorded(route, request));
        }
    }

    /** The next queued fault for this route, taken off the queue; null when none. */
    Fault nextFault(Route route) {
        synchronized (faults) {
            Queue<Fault> queue = faults.get(route);
            return queue == null ? null : queue.poll();
        }
    }

    /** The workspaces the key can see: forbidden ones are hidden, as the user has no role there. */
    List<FakeWorkspace> visibleWorkspaces() {
        return workspaces.values().stream().filter(ws -> !ws.forbidden()).toList();
    }

    /** The workspace, created when any id is accepted; null when unknown. */
    FakeWorkspace findWorkspace(String wsId) {
        return acceptAnyWorkflow ? workspaceOrCreate(wsId) : workspaces.get(wsId);
    }

    /** The workflow, created (and set up) when any id is accepted; null when unknown. */
    FakeWorkflow findWorkflow(FakeWorkspace ws, String workflowId) {
        FakeWorkflow wf = ws.workflow(workflowId);
        if (wf != null || !acceptAnyWorkflow) {
            return wf;
        }
        return ws.workflow(workflowId, id -> {
            FakeWorkflow created = new FakeWorkflow(ws.id(), id);
            autoCreatedSetup.accept(created);
            return created;
        });
    }

    /** @param callback the request's callback, or null */
    FakeExecution startExecution(
            String wsId, FakeWorkflow wf, RecordedRequest request, JsonObject body, Callback callback) {
        FakeExecution execution = new FakeExecution(
                UUID.randomUUID().toString(), wsId, wf.id(), wf.behaviour(), this::now, request, body);
        executionsById.put(execution.id(), execution);
        executionsInOrder.add(execution);
        if (callback != null) {
            callbacks.announce(execution, callback, callbackDelivery, callbackMetadata);
        }
        return execution;
    }

    private FakeWorkspace workspaceOrCreate(String wsId) {
        Objects.requireNonNull(wsId, "wsId");
        return workspaces.computeIfAbsent(wsId, FakeWorkspace::new);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "fake-blink-" + count.incrementAndGet());
            // a test that forgets close() must not keep the JVM alive
            thread.setDaemon(true);
            return thread;
        };
    }
}
