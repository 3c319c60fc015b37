package io.jenkins.plugins.blinkops.bench;

import io.jenkins.plugins.blinkops.PluginAccess;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.core.bench.Stats;
import io.jenkins.plugins.blinkops.core.callback.CallbackToken;
import io.jenkins.plugins.blinkops.core.fake.CallbackDelivery;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.FakeExecution;
import io.jenkins.plugins.blinkops.core.fake.Route;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.Dispatcher;
import org.kohsuke.stapler.MetaClass;

/**
 * Jenkins' own callback endpoint under a flood of wrong tokens, while builds wait for Blink's real
 * callbacks: how many knocks per second it answers, what it answers, and whether the waits notice
 * their runs' end as late, and read Blink as often, as without the flood. For comparison, the same
 * runs polled without the callback, and the same flood on a path of Jenkins that does not exist. A measurement, not a test (the name does not end
 * in {@code Test}); docs/PERFORMANCE.md gives the command. It asserts no timing.
 *
 * <p>Each round: {@link #BUILDS} Pipeline builds, each one {@code blinkExecute} of a run lasting
 * 5 to 15 s (seeded), on a connection that lets Blink call back; the fake Blink calls back when each
 * run ends. A run's end is noticed when its build ends: the build has no other step.
 */
@WithJenkins
class CallbackFloodBenchmark {
    private static final int BUILDS = Integer.getInteger("blink.bench.builds", 40);
    private static final int FLOOD_THREADS = Integer.getInteger("blink.bench.floodThreads", 8);
    private static final long SEED = 42;

    private JenkinsRule j;
    private FakeBlinkServer server;
    private BlinkConnection connection;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(FLOOD_THREADS))
            .build();

    @BeforeEach
    void jenkinsAndBlink(JenkinsRule rule) throws Exception {
        j = rule;
        server = PluginAccess.startServer().callbackDelivery(CallbackDelivery.AFTER_END);
        PluginAccess.configure(server, 100);
        connection = BlinkGlobalConfiguration.get().getConnections().get(0);
        connection.setCallbackEnabled(true);
        j.jenkins.setNumExecutors(0);
    }

    @AfterEach
    void stopBlink() {
        server.close();
    }

    @Test
    void floodOfWrongTokens() throws Exception {
        // as in production: the harness turns on Stapler's tracing (a 404 then shows the route) and
        // turns off its cache of dispatch tables (every request then builds them anew)
        Dispatcher.TRACE = false;
        MetaClass.NO_CACHE = false;
        round("warm-up, not counted", null, null);
        List<String> rows = new ArrayList<>();
        rows.add(round("no flood", null, null).row());
        // the same runs without the callback: how late polling notices their end, and at what cost
        connection.setCallbackEnabled(false);
        rows.add(round("callback off: polling only, no flood", null, null).row());
        connection.setCallbackEnabled(true);
        rows.add(round(FLOOD_THREADS + " threads POSTing wrong tokens", j.getURL() + "blink-callback/", "POST")
                .row());
        rows.add(round(FLOOD_THREADS + " threads GETting wrong tokens", j.getURL() + "blink-callback/", "GET")
                .row());
        // the same answer from the rest of Jenkins: a GET, since a POST without a crumb is refused first
        rows.add(round(
                        FLOOD_THREADS + " threads GETting a path that does not exist",
                        j.getURL() + "no-such-page/",
                        "GET")
                .row());
        System.out.printf(
                Locale.ROOT,
                "%nCallback endpoint under a flood, inside Jenkins (%s builds per round, runs of 5-15 s, seed %d)%n%s%n",
                BUILDS,
                SEED,
                Stats.table(
                        List.of(
                                "round",
                                "run's end to build's end (s): median [p25–p75] (min–max)",
                                "execution reads per run: median (min–max)",
                                "all Completed",
                                "flood: answers per second",
                                "flood: answers by status"),
                        rows.stream().map(r -> List.of(r.split("\t"))).toList()));
    }

    /** One round of builds, with a flood of {@code method}s on {@code floodBase} + random tokens unless it is {@code null}. */
    private Round round(String name, String floodBase, String method) throws Exception {
        server.forgetExecutions();
        server.clearRequests();
        Random random = new Random(SEED);
        List<WorkflowRun> runs = new ArrayList<>();
        for (int b = 0; b < BUILDS; b++) {
            String workflow = "wf-" + b;
            server.workflow(PluginAccess.WORKSPACE, workflow).takes(Duration.ofMillis(5_000 + random.nextInt(10_000)));
            WorkflowJob job = j.createProject(WorkflowJob.class);
            job.setDefinition(new CpsFlowDefinition("blinkExecute workflowId: '" + workflow + "'", true));
            runs.add(job.scheduleBuild2(0).waitForStart());
        }
        Flood flood = floodBase == null ? null : new Flood(floodBase, method);
        for (WorkflowRun run : runs) {
            j.assertBuildStatusSuccess(j.waitForCompletion(run));
        }
        if (flood != null) {
            flood.stop();
        }
        List<Double> lateness = new ArrayList<>();
        List<Double> reads = new ArrayList<>();
        Map<String, Long> readsPerExecution = new TreeMap<>();
        server.requests(Route.GET_EXECUTION)
                .forEach(r ->
                        readsPerExecution.merge(r.path().substring(r.path().lastIndexOf('/') + 1), 1L, Long::sum));
        for (WorkflowRun run : runs) {
            String id = run.getAction(io.jenkins.plugins.blinkops.call.BlinkExecutionAction.class)
                    .getExecutions()
                    .get(0)
                    .getExecutionId();
            FakeExecution execution = server.execution(id);
            long buildEnd = run.getStartTimeInMillis() + run.getDuration();
            lateness.add((buildEnd - execution.finishedAt()) / 1000.0);
            reads.add((double) readsPerExecution.getOrDefault(id, 0L));
        }
        return new Round(name, lateness, reads, runs.size(), flood);
    }

    /** What one round measured, as a row of the table. */
    private record Round(String name, List<Double> lateness, List<Double> reads, int completed, Flood flood) {
        String row() {
            Stats r = Stats.of(reads);
            return String.join(
                    "\t",
                    name,
                    Stats.of(lateness).describe(2),
                    String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", r.median(), r.min(), r.max()),
                    completed == lateness.size() ? "yes" : "no",
                    flood == null ? "–" : String.format(Locale.ROOT, "%.0f", flood.perSecond()),
                    flood == null ? "–" : flood.byStatus().toString());
        }
    }

    /** Threads that knock with random tokens, each waiting for its answer before the next. */
    private final class Flood {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final ExecutorService threads = Executors.newFixedThreadPool(FLOOD_THREADS);
        private final long startedNanos = System.nanoTime();
        private long stoppedNanos;

        Flood(String base, String method) {
            for (int t = 0; t < FLOOD_THREADS; t++) {
                threads.submit(() -> {
                    while (running.get()) {
                        knock(base + CallbackToken.generate().value(), method);
                    }
                    return null;
                });
            }
        }

        private void knock(String url, String method) {
            try {
                HttpRequest.BodyPublisher body = "GET".equals(method)
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"state\":\"Completed\"}");
                HttpResponse<Void> answer = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .method(method, body)
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                statuses.computeIfAbsent(answer.statusCode(), s -> new LongAdder())
                        .increment();
            } catch (Exception e) {
                statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
            stoppedNanos = System.nanoTime();
        }

        double perSecond() {
            long answered = statuses.values().stream().mapToLong(LongAdder::sum).sum();
            return answered / ((stoppedNanos - startedNanos) / 1e9);
        }

        Map<Integer, Long> byStatus() {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            return counts;
        }
    }
}
