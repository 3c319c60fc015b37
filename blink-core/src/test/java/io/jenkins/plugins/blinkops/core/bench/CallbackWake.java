package io.jenkins.plugins.blinkops.core.bench;

import io.jenkins.plugins.blinkops.core.callback.CallbackReceiver;
import io.jenkins.plugins.blinkops.core.callback.CallbackRegistry;
import io.jenkins.plugins.blinkops.core.callback.CallbackToken;
import io.jenkins.plugins.blinkops.core.callback.Wakeup;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.CallbackDelivery;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.RecordedRequest;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WorkflowRunner;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How soon a wait notices a run's end, and at what cost, when Blink calls back, against today's
 * polling. Real time over real loopback: each set of {@link #RUNS} runs is started at once on its
 * own fake Blink (which calls back as its {@link CallbackDelivery} says), each run waited for by
 * {@link WorkflowRunner#run(ExecutionRequest, Wakeup)} on a thread of its own, as a freestyle build
 * does; all sets side by side, with the same seeded run lengths. Callbacks reach the waits through
 * {@link CallbackReceiver} (a JDK server standing in for the Jenkins endpoint) and one {@link
 * CallbackRegistry}.
 *
 * <p>Per run: the notice latency (when {@code run} returned, less when the fake's record showed the
 * end) and the GETs of its record, counted from the fake's recorded requests. Then the receiver is
 * flooded with wrong tokens while armed waits run, against the same waits without the flood.
 */
final class CallbackWake {
    static final int RUNS = 100;
    static final long SEED = 42;
    static final int FLOOD_THREADS = 8;
    /** Run lengths side by side (s): past the fallback's first and second polls (60 s, 120 s). */
    static final int MIN_SECONDS = 30, MAX_SECONDS = 180;
    /** Run lengths under the flood (s): the callback's latency does not depend on the length. */
    static final int FLOOD_MIN_SECONDS = 5, FLOOD_MAX_SECONDS = 15;

    private static final BuildLog QUIET = new BuildLog(new PrintStream(OutputStream.nullOutputStream()));

    static String run() throws Exception {
        List<Duration> lengths = lengths(MIN_SECONDS, MAX_SECONDS);
        CallbackRegistry registry = new CallbackRegistry();
        try (CallbackReceiver receiver = CallbackReceiver.start(registry, 4)) {
            List<Mode> sets = List.of(
                    new Mode("polling (PollingPolicy.DEFAULT), no callback", null),
                    new Mode("callback AFTER_END", CallbackDelivery.AFTER_END),
                    new Mode("callback BEFORE_RECORD (500 ms early)", CallbackDelivery.BEFORE_RECORD),
                    new Mode("callback NEVER (fallback 1 min ×2 ≤ 5 min)", CallbackDelivery.NEVER));
            List<Result> results = runSideBySide(sets, lengths, registry, receiver);
            String side = Stats.table(
                    List.of(
                            header(MIN_SECONDS, MAX_SECONDS),
                            "noticed after the end (s): median [p25–p75] (min–max)",
                            "record GETs per run: median (min–max)",
                            "record GETs in all",
                            "all Completed"),
                    results.stream().map(Result::row).toList());

            List<Duration> shortRuns = lengths(FLOOD_MIN_SECONDS, FLOOD_MAX_SECONDS);
            Result quiet = runSideBySide(
                            List.of(new Mode("callback AFTER_END, no flood", CallbackDelivery.AFTER_END)),
                            shortRuns,
                            registry,
                            receiver)
                    .get(0);
            Flood flood = new Flood(receiver.baseUrl());
            long unknownBefore = receiver.answered(CallbackRegistry.Knock.UNKNOWN);
            long wokeBefore = receiver.answered(CallbackRegistry.Knock.WOKE);
            long tooManyBefore = receiver.answered(CallbackRegistry.Knock.TOO_MANY);
            flood.start();
            Result flooded = runSideBySide(
                            List.of(new Mode(
                                    "callback AFTER_END, " + FLOOD_THREADS + " threads knocking with wrong tokens",
                                    CallbackDelivery.AFTER_END)),
                            shortRuns,
                            registry,
                            receiver)
                    .get(0);
            double floodSeconds = flood.stop();
            String floodTable = Stats.table(
                    List.of(
                            header(FLOOD_MIN_SECONDS, FLOOD_MAX_SECONDS),
                            "noticed after the end (s): median [p25–p75] (min–max)",
                            "record GETs per run: median (min–max)",
                            "record GETs in all",
                            "all Completed"),
                    List.of(quiet.row(), flooded.row()));
            return String.format(
                    Locale.ROOT,
                    "Callback wake-up: %d runs per set, real time, all sets side by side; run lengths seeded (%d)%n"
                            + "%s%n"
                            + "Flood: the callback receiver (JDK HttpServer, 4 threads, + CallbackRegistry), "
                            + "%d client threads knocking with random 43-character tokens while the waits ran%n"
                            + "%s%n"
                            + "knocks answered during the flood: %d in %.1f s = %.0f per second "
                            + "(404 unknown: %d, 429 too many: %d, wrong tokens that woke a wait: %d)%n"
                            + "real callbacks answered 204 during the flood: %d of %d runs%n",
                    RUNS,
                    SEED,
                    side,
                    FLOOD_THREADS,
                    floodTable,
                    flood.answered.get(),
                    floodSeconds,
                    flood.answered.get() / floodSeconds,
                    receiver.answered(CallbackRegistry.Knock.UNKNOWN) - unknownBefore,
                    receiver.answered(CallbackRegistry.Knock.TOO_MANY) - tooManyBefore,
                    flood.wokeAWait.get(),
                    receiver.answered(CallbackRegistry.Knock.WOKE) - wokeBefore,
                    RUNS);
        }
    }

    private static String header(int minSeconds, int maxSeconds) {
        return "mode (" + RUNS + " runs of " + minSeconds + "–" + maxSeconds + " s each)";
    }

    /** Run lengths from {@code min} to {@code max} seconds, the same for every set of a table. */
    private static List<Duration> lengths(int minSeconds, int maxSeconds) {
        Random random = new Random(SEED);
        List<Duration> lengths = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            lengths.add(Duration.ofMillis(minSeconds * 1000L + random.nextInt((maxSeconds - minSeconds) * 1000)));
        }
        return lengths;
    }

    /** A set of runs: waited for by polling only ({@code delivery} null), or armed on a fake that calls back so. */
    private record Mode(String name, CallbackDelivery delivery) {}

    private record Result(String name, List<Double> latencies, List<Double> gets, boolean allCompleted) {
        List<String> row() {
            Stats g = Stats.of(gets);
            return List.of(
                    name,
                    Stats.of(latencies).describe(2),
                    String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", g.median(), g.min(), g.max()),
                    String.format(
                            Locale.ROOT,
                            "%.0f",
                            gets.stream().mapToDouble(Double::doubleValue).sum()),
                    allCompleted ? "yes" : "NO");
        }
    }

    /** One run as it ended: the execution it started, and when its wait returned (epoch ms). */
    private record Ended(String executionId, long returnedAt, boolean completed) {}

    private static List<Result> runSideBySide(
            List<Mode> sets, List<Duration> lengths, CallbackRegistry registry, CallbackReceiver receiver)
            throws Exception {
        List<FakeBlinkServer> servers = new ArrayList<>();
        List<BlinkTransport> transports = new ArrayList<>();
        ExecutorService waits = Executors.newFixedThreadPool(sets.size() * RUNS, Scale.named("bench-wait-"));
        try {
            List<List<Future<Ended>>> futures = new ArrayList<>();
            for (Mode set : sets) {
                FakeBlinkServer server = FakeBlinkServer.start().workspace("ws-1", "Ops");
                servers.add(server);
                if (set.delivery != null) {
                    server.callbackDelivery(set.delivery);
                }
                BlinkTransport transport =
                        BlinkTransport.forSettings(ConnectionSettings.of(BlinkHost.parse(server.url())));
                transports.add(transport);
                WorkflowRunner runner = new WorkflowRunner(
                        new BlinkClient(transport, ApiKey.of("test-api-key")),
                        RunOptions.DEFAULT.withPrintOutputs(false),
                        QUIET);
                List<Future<Ended>> setFutures = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    server.workflow("ws-1", "wf-" + i).takes(lengths.get(i));
                    String workflow = "wf-" + i;
                    setFutures.add(
                            waits.submit(() -> waitFor(runner, workflow, set.delivery != null, registry, receiver)));
                }
                futures.add(setFutures);
            }
            List<Result> results = new ArrayList<>();
            for (int s = 0; s < sets.size(); s++) {
                FakeBlinkServer server = servers.get(s);
                List<Ended> ended = new ArrayList<>();
                for (Future<Ended> f : futures.get(s)) {
                    ended.add(f.get(10, TimeUnit.MINUTES));
                }
                Map<String, Long> getsByExecution = server.requests(Route.GET_EXECUTION).stream()
                        .map(RecordedRequest::path)
                        .collect(Collectors.groupingBy(
                                path -> path.substring(path.lastIndexOf('/') + 1), Collectors.counting()));
                results.add(new Result(
                        sets.get(s).name,
                        ended.stream()
                                .map(e -> (e.returnedAt
                                                - server.execution(e.executionId)
                                                        .finishedAt())
                                        / 1000.0)
                                .toList(),
                        ended.stream()
                                .map(e -> (double) getsByExecution.getOrDefault(e.executionId, 0L))
                                .toList(),
                        ended.stream().allMatch(Ended::completed)));
            }
            return results;
        } finally {
            waits.shutdownNow();
            transports.forEach(BlinkTransport::close);
            servers.forEach(FakeBlinkServer::close);
        }
    }

    /** One build's wait: armed ones register their wake-up by the token's hash before the start, as the plugin does. */
    private static Ended waitFor(
            WorkflowRunner runner, String workflow, boolean armed, CallbackRegistry registry, CallbackReceiver receiver)
            throws Exception {
        ExecutionRequest request = ExecutionRequest.builder("ws-1", workflow).build();
        Wakeup wakeup = new Wakeup();
        CallbackRegistry.Registration registration = () -> {};
        if (armed) {
            CallbackToken token = CallbackToken.generate();
            request = request.withCallback(receiver.baseUrl(), token);
            registration = registry.register(token.hash(), wakeup::ring);
        }
        try {
            ExecutionOutcome outcome = runner.run(request, wakeup);
            return new Ended(outcome.executionId(), System.currentTimeMillis(), outcome.success());
        } finally {
            registration.close();
        }
    }

    /** Client threads that knock on the receiver with random tokens of the right length, as fast as answered. */
    private static final class Flood {
        final AtomicLong answered = new AtomicLong();
        final AtomicLong wokeAWait = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final String baseUrl;
        private final List<Thread> threads = new ArrayList<>();
        private long startedAt;

        Flood(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        void start() {
            startedAt = System.nanoTime();
            for (int i = 0; i < FLOOD_THREADS; i++) {
                Thread thread = new Thread(this::knock, "bench-flood-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        /** @return how long it flooded, in seconds */
        double stop() throws InterruptedException {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            return (System.nanoTime() - startedAt) / 1e9;
        }

        private void knock() {
            HttpClient client = HttpClient.newHttpClient();
            Function<String, HttpRequest> request = token -> HttpRequest.newBuilder(URI.create(baseUrl + token))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            while (!stop.get()) {
                try {
                    int status = client.send(
                                    request.apply(CallbackToken.generate().value()),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    answered.incrementAndGet();
                    if (status == 204) {
                        wokeAWait.incrementAndGet();
                    }
                } catch (java.io.IOException e) {
                    // not answered: not counted
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
