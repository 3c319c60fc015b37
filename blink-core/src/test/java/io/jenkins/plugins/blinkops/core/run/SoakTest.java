package io.jenkins.plugins.blinkops.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.FakeExecution;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.http.Retries;
import io.jenkins.plugins.blinkops.core.http.RetryPolicy;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 10,000 workflow runs through the engine's real HTTP path against the fake server, with seeded
 * random faults and small delays, eight at a time. Every run must end in a classified outcome, no
 * workflow may be started twice where Blink may have acted, no connection may stay leased, and the
 * heap must stay flat. Most runs do not wait (one POST each) and a fraction follows or runs
 * synchronously, so that the whole fits in well under a minute on two cores.
 */
class SoakTest {
    private static final long SEED = 0x5EED_2026L;
    private static final int RUNS = 10_000;
    private static final int BATCHES = 10;
    private static final int THREADS = 8;
    /** A guard against a hang, not a performance check: the soak takes a fraction of it. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    /**
     * How much the heap in use after a full GC may grow between 10% and 100% of the run. Leaking 1 KB
     * per run would add about 9 MB; what legitimately moves is the JIT's and the pools' bookkeeping
     * and Gson/HttpClient caches warming further, which stays well under a megabyte or two.
     */
    private static final long HEAP_GROWTH_ALLOWED = 4L * 1024 * 1024;

    private static final String KEY = "soak-secret-key-91c2";

    /** What one run ended in; anything else (an unexpected exception) fails the test. */
    enum Kind {
        SUCCESS,
        WORKFLOW_FAILED,
        START_FAILED,
        WAIT_FAILED
    }

    record Plan(
            int n, WaitMode mode, String workflow, boolean wrongKey, boolean nowhere, Route faultRoute, Fault fault) {}

    record Result(Plan plan, Kind kind, BlinkApiException failure, String executionId) {}

    private static final List<Fault> FAULTS = List.of(
            Fault.connectionReset(),
            Fault.tooManyRequests(0),
            Fault.status(500),
            Fault.status(502),
            Fault.status(503),
            Fault.status(504),
            Fault.slow(Duration.ofMillis(2)),
            Fault.htmlBody(),
            Fault.truncatedJson(),
            Fault.emptyBody(),
            Fault.status(401),
            Fault.status(403),
            Fault.status(404));

    private static List<Plan> plans() {
        Random random = new Random(SEED);
        List<Plan> plans = new ArrayList<>();
        for (int n = 0; n < RUNS; n++) {
            int m = random.nextInt(100);
            WaitMode mode = m < 60 ? WaitMode.NONE : m < 90 ? WaitMode.FOLLOW : WaitMode.SYNC;
            String workflow = random.nextInt(5) == 0 ? "wf-fail" : "wf-ok";
            boolean wrongKey = random.nextInt(200) == 0;
            boolean nowhere = random.nextInt(200) == 0;
            Route route = null;
            Fault fault = null;
            int f = random.nextInt(1000);
            if (f < 2) {
                // slower than the response timeout: rare, as each costs a worker 250 ms
                route = random.nextBoolean() ? Route.EXECUTE : Route.GET_EXECUTION;
                fault = Fault.slow(Duration.ofMillis(300));
            } else if (f < 120) {
                route = random.nextInt(3) == 0 ? Route.GET_EXECUTION : Route.EXECUTE;
                fault = FAULTS.get(random.nextInt(FAULTS.size()));
            }
            plans.add(new Plan(n, mode, workflow, wrongKey, nowhere, route, fault));
        }
        return plans;
    }

    @Test
    void tenThousandRunsEndWellAndLeaveNothingBehind() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (FakeBlinkServer server = FakeBlinkServer.start().apiKey(KEY)) {
            server.workspace("ws-1", "Ops");
            server.workflow("ws-1", "wf-ok").takes(Duration.ofMillis(3));
            server.workflow("ws-1", "wf-fail").takes(Duration.ofMillis(3)).endsWith("Failed");
            BlinkTransport transport = BlinkTransport.forSettings(settings(server.url()));
            BlinkTransport nowhere = BlinkTransport.forSettings(settings("http://127.0.0.1:" + closedPort));
            ExecutorService workers = Executors.newFixedThreadPool(THREADS);
            List<Plan> plans = plans();
            Map<String, Integer> tally = new TreeMap<>();
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            long started = System.nanoTime();
            long heapAtTenPercent = 0;
            long heapAtEnd = 0;
            int done = 0;
            try {
                int perBatch = RUNS / BATCHES;
                for (int b = 0; b < BATCHES && System.nanoTime() < deadline; b++) {
                    List<Future<Result>> futures = new ArrayList<>();
                    for (Plan plan : plans.subList(b * perBatch, (b + 1) * perBatch)) {
                        if (plan.fault() != null) {
                            server.fault(plan.faultRoute(), plan.fault());
                        }
                        BlinkTransport t = plan.nowhere() ? nowhere : transport;
                        futures.add(workers.submit(() -> run(plan, t)));
                    }
                    List<Result> results = new ArrayList<>();
                    for (Future<Result> f : futures) {
                        results.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                    }
                    check(results, server);
                    for (Result r : results) {
                        String what = r.kind()
                                + (r.failure() == null
                                        ? ""
                                        : " " + r.failure().reason()
                                                + (r.failure().status() == 0
                                                        ? ""
                                                        : " " + r.failure().status()));
                        tally.merge(what, 1, Integer::sum);
                    }
                    done += results.size();
                    // what the fake keeps of past runs is not the engine's memory: drop it between batches
                    server.forgetExecutions();
                    if (b == 0) {
                        heapAtTenPercent = usedHeapAfterGc();
                    }
                }
                heapAtEnd = usedHeapAfterGc();
            } finally {
                workers.shutdownNow();
            }
            long took = System.nanoTime() - started;

            System.out.printf(
                    "Soak: %d runs in %.1f s; outcomes %s; heap after GC at 10%% %.1f MB, at 100%% %.1f MB%n",
                    done, took / 1e9, tally, heapAtTenPercent / 1048576.0, heapAtEnd / 1048576.0);
            assertThat(done).as("runs completed before the hang guard").isEqualTo(RUNS);
            assertThat(transport.leasedConnections()).as("connections leased").isZero();
            assertThat(nowhere.leasedConnections()).as("connections leased").isZero();
            assertThat(BlinkTransport.pendingDeadlines())
                    .as("deadline timers left")
                    .isZero();
            assertThat(server.inFlight()).isZero();
            assertThat(heapAtEnd - heapAtTenPercent).as("heap growth, bytes").isLessThan(HEAP_GROWTH_ALLOWED);
            transport.close();
            nowhere.close();
        }
    }

    private static ConnectionSettings settings(String url) {
        // a long call timeout on purpose: anything a call leaves behind until its deadline would pile up
        return ConnectionSettings.of(BlinkHost.parse(url))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(250), Duration.ofSeconds(30))
                .withRetryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(1)));
    }

    private static Result run(Plan plan, BlinkTransport transport) throws Exception {
        BlinkClient client = new BlinkClient(transport, ApiKey.of(plan.wrongKey() ? "not-the-soak-key" : KEY));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BuildLog log = new BuildLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        RunOptions options = RunOptions.DEFAULT
                .withWaitMode(plan.mode())
                .withTimeout(Duration.ofSeconds(20))
                .withPolling(new PollingPolicy(Duration.ofMillis(2), 2.0, Duration.ofMillis(10)));
        WorkflowRunner runner = new WorkflowRunner(client, options, log);
        ExecutionRequest request = ExecutionRequest.builder("ws-1", plan.workflow())
                .input("n", plan.n())
                .build();
        Result result;
        if (plan.mode() == WaitMode.SYNC) {
            try {
                result = outcome(plan, runner.runSync(request));
            } catch (BlinkApiException e) {
                result = new Result(plan, Kind.START_FAILED, e, null);
            }
        } else {
            FollowState follow;
            try {
                follow = runner.start(request);
            } catch (BlinkApiException e) {
                return checked(new Result(plan, Kind.START_FAILED, e, null), bytes);
            }
            if (plan.mode() == WaitMode.NONE) {
                result = new Result(plan, Kind.SUCCESS, null, follow.executionId());
                runner.notWaiting(follow);
            } else {
                try {
                    result = outcome(plan, followToTheEnd(runner, follow, client));
                } catch (BlinkApiException e) {
                    result = new Result(plan, Kind.WAIT_FAILED, e, follow.executionId());
                }
            }
        }
        return checked(result, bytes);
    }

    /** Polls as a Pipeline step would, sleeping the delays the runner gives; also used by EndToEndPropertiesTest. */
    static ExecutionOutcome followToTheEnd(WorkflowRunner runner, FollowState follow, BlinkClient client)
            throws Exception {
        FollowState state = follow;
        while (true) {
            WorkflowRunner.PollResult r = runner.poll(state);
            if (r instanceof WorkflowRunner.PollResult.Done done) {
                return done.outcome();
            }
            WorkflowRunner.PollResult.Waiting waiting = (WorkflowRunner.PollResult.Waiting) r;
            state = waiting.next();
            client.cancellation().sleep(waiting.delay());
        }
    }

    private static Result outcome(Plan plan, ExecutionOutcome outcome) {
        assertThat(outcome.timedOut()).as("run %d timed out", plan.n()).isFalse();
        return new Result(plan, outcome.success() ? Kind.SUCCESS : Kind.WORKFLOW_FAILED, null, outcome.executionId());
    }

    private static Result checked(Result result, ByteArrayOutputStream log) {
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(KEY);
        if (result.failure() != null) {
            assertThat(result.failure().getMessage()).doesNotContain(KEY);
            assertThat(result.failure().reason()).isNotNull();
        }
        return result;
    }

    /** The batch's runs against what the fake saw: one execution at most per run, and the right one. */
    private static void check(List<Result> results, FakeBlinkServer server) {
        Map<Integer, List<FakeExecution>> byRun = new HashMap<>();
        for (FakeExecution e : server.executions()) {
            int n = e.startRequest()
                    .bodyJson()
                    .getAsJsonObject("input_values")
                    .get("n")
                    .getAsInt();
            byRun.computeIfAbsent(n, k -> new ArrayList<>()).add(e);
        }
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        for (Result r : results) {
            Plan plan = r.plan();
            kinds.merge(r.kind(), 1, Integer::sum);
            List<FakeExecution> created = byRun.getOrDefault(plan.n(), List.of());
            assertThat(created)
                    .as("executions of run %d (no start sent twice)", plan.n())
                    .hasSizeLessThanOrEqualTo(1);
            switch (r.kind()) {
                case SUCCESS, WORKFLOW_FAILED -> {
                    assertThat(created)
                            .as("run %d succeeded, so it exists", plan.n())
                            .hasSize(1);
                    if (r.executionId() != null) {
                        assertThat(created.get(0).id()).isEqualTo(r.executionId());
                    }
                    assertThat(r.kind() == Kind.WORKFLOW_FAILED)
                            .as("run %d of %s", plan.n(), plan.workflow())
                            .isEqualTo(plan.workflow().equals("wf-fail") && plan.mode() != WaitMode.NONE);
                }
                case START_FAILED -> {
                    if (Retries.blinkCannotHaveActed(r.failure()) || plan.nowhere() || plan.wrongKey()) {
                        assertThat(created)
                                .as("run %d: Blink cannot have acted", plan.n())
                                .isEmpty();
                    }
                }
                case WAIT_FAILED -> {
                    assertThat(r.failure().isPermanent()).isTrue();
                    assertThat(created).hasSize(1);
                }
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
