package io.jenkins.plugins.blinkops.core.bench;

import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRef;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.RecordedRequest;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.http.RequestBudget;
import io.jenkins.plugins.blinkops.core.run.BatchPoller;
import io.jenkins.plugins.blinkops.core.run.FollowState;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WorkflowRunner;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thousands of waits at once, each polling its own run (as before issue 19) beside one {@link
 * BatchPoller} for all of them, in the same run and over real loopback HTTP to the fake Blink.
 * Time is simulated in steps of one second: the waits' polls due in a second are sent together on
 * a few threads, then the clock moves on; the batched poller cycles every {@value #CYCLE_SECONDS} s
 * and the waits it wakes poll their run in the same second. As {@code FollowingStepExecution} does,
 * a batched wait makes its own first polls while they come sooner than the cycle, then registers.
 *
 * <p>Every run takes {@value #QUIET_SECONDS} s plus 0–{@value #SPREAD_SECONDS} s: in the quiet part
 * no run changes, which is what waiting costs; the rest is what each end costs on top. "Noticed" is
 * from the run's end (the fake's {@code finished_at}) to the poll that saw it, to one second.
 * Sizes: {@code -Dblink.bench.waits=1000,10000}.
 */
final class ManyWaits {
    static final long EPOCH = 1_700_000_000_000L;
    static final int QUIET_SECONDS = 120;
    static final int SPREAD_SECONDS = 120;
    static final int CYCLE_SECONDS = 5;
    static final int THREADS = 8;
    /** The quiet part measured: after every wait's first polls (0, 1, 2, 4, 8 s), before any run ends. */
    static final int QUIET_FROM_SECONDS = 30;
    /** Registrations whose heap is measured: enough to stand out of the GC's noise. */
    static final int HEAP_SAMPLE = 50_000;

    private enum Mode {
        PER_STEP,
        BATCHED
    }

    private record Result(
            Mode mode,
            int waits,
            double quietPerSecond,
            double overallPerSecond,
            long requests,
            Stats noticed,
            long heapPerWait,
            int threadsAdded,
            double wallSeconds) {}

    static String run() throws Exception {
        int[] sizes = Arrays.stream(
                        System.getProperty("blink.bench.waits", "1000,10000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip()))
                .toArray();
        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            for (Mode mode : Mode.values()) {
                results.add(simulate(n, mode));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Many waits: runs take %d s + 0-%d s (simulated), batched cycle %d s, polls on %d threads%n",
                QUIET_SECONDS,
                SPREAD_SECONDS,
                CYCLE_SECONDS,
                THREADS));
        out.append(String.format(
                Locale.ROOT,
                "%-9s %6s %14s %14s %9s %-34s %11s %8s %7s%n",
                "mode",
                "waits",
                "quiet req/s",
                "overall req/s",
                "requests",
                "noticed after end, s: median [p25-p75] (min-max)",
                "heap/wait",
                "threads",
                "wall s"));
        for (Result r : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-9s %6d %14.2f %14.2f %9d %-34s %9d B %8d %7.1f%n",
                    r.mode(),
                    r.waits(),
                    r.quietPerSecond(),
                    r.overallPerSecond(),
                    r.requests(),
                    r.noticed().describe(1),
                    r.heapPerWait(),
                    r.threadsAdded(),
                    r.wallSeconds()));
        }
        return out.toString();
    }

    private static Result simulate(int n, Mode mode) throws Exception {
        AtomicLong clock = new AtomicLong(EPOCH);
        long wallStart = System.nanoTime();
        try (FakeBlinkServer server = FakeBlinkServer.start()) {
            server.workspace("ws-1", "Ops").clock(clock::get);
            for (int s = 0; s <= SPREAD_SECONDS; s++) {
                server.workflow("ws-1", "wf-" + s).takes(Duration.ofSeconds(QUIET_SECONDS + s));
            }
            BlinkTransport transport = BlinkTransport.forSettings(
                    ConnectionSettings.of(BlinkHost.parse(server.url())).withMaxConcurrentRequests(THREADS));
            BlinkClient client = new BlinkClient(transport, ApiKey.of("test-api-key"));
            RunOptions options = RunOptions.DEFAULT
                    .withPrintOutputs(false)
                    .withProgress(false)
                    .withTimeout(Duration.ofHours(1));
            BuildLog log = new BuildLog(new PrintStream(OutputStream.nullOutputStream()));
            WorkflowRunner runner = new WorkflowRunner(client, options, log, clock::get);
            Random random = new Random(19);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Waiter> waiters = new ArrayList<>();
                List<Future<Waiter>> started = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String workflow = "wf-" + random.nextInt(SPREAD_SECONDS + 1);
                    started.add(pool.submit(() -> {
                        String id = client.startExecution(
                                ExecutionRequest.builder("ws-1", workflow).build());
                        return new Waiter(id, runner.follow(ExecutionRef.of("ws-1", null, id)));
                    }));
                }
                for (Future<Waiter> f : started) {
                    waiters.add(f.get());
                }
                server.clearRequests();
                int threadsBefore = Thread.activeCount();
                BatchPoller poller = mode == Mode.BATCHED
                        ? new BatchPoller(rql -> client.listExecutions("ws-1", rql), new RequestBudget(1000))
                        : null;
                ConcurrentLinkedQueue<Waiter> woken = new ConcurrentLinkedQueue<>();
                List<Double> noticed = new ArrayList<>();
                int left = n;
                long quietRequests = -1;
                int threadsDuring = threadsBefore;
                for (int second = 0; left > 0; second++) {
                    long now = clock.get();
                    if (second == QUIET_FROM_SECONDS) {
                        quietRequests = -server.requests().size();
                    } else if (second == QUIET_SECONDS) {
                        quietRequests += server.requests().size();
                    }
                    if (poller != null && second % CYCLE_SECONDS == 0) {
                        poller.cycle();
                    }
                    List<Waiter> due = new ArrayList<>();
                    for (Waiter w; (w = woken.poll()) != null; ) {
                        due.add(w);
                    }
                    for (Waiter w : waiters) {
                        if (!w.done && !w.batched && w.nextPollAt <= now) {
                            due.add(w);
                        }
                    }
                    List<Future<?>> polls = new ArrayList<>();
                    for (Waiter w : due) {
                        polls.add(pool.submit(() -> {
                            w.poll(runner, now, server);
                            w.batched = !w.done && poller != null && w.delayMillis >= CYCLE_SECONDS * 1000L;
                            if (w.batched) {
                                poller.register(w.id, w.follow.lastState(), w.updatedAt, () -> woken.add(w));
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : polls) {
                        f.get();
                    }
                    for (Waiter w : due) {
                        if (w.done) {
                            noticed.add(w.noticedSeconds);
                            left--;
                        }
                    }
                    threadsDuring = Math.max(threadsDuring, Thread.activeCount());
                    clock.addAndGet(1000);
                }
                long simulated = (clock.get() - EPOCH) / 1000;
                List<RecordedRequest> all = server.requests();
                return new Result(
                        mode,
                        n,
                        quietRequests / (double) (QUIET_SECONDS - QUIET_FROM_SECONDS),
                        all.size() / (double) simulated,
                        all.size(),
                        Stats.of(noticed),
                        mode == Mode.BATCHED ? heapPerRegistration() : 0,
                        threadsDuring - threadsBefore,
                        (System.nanoTime() - wallStart) / 1e9);
            } finally {
                pool.shutdownNow();
                transport.close();
            }
        }
    }

    /** What one registration in a poller costs: the heap after GC with {@value #HEAP_SAMPLE} of them, less without. */
    private static long heapPerRegistration() {
        int n = HEAP_SAMPLE;
        BatchPoller poller = new BatchPoller(rql -> null, new RequestBudget(10));
        // the ids and the wakes are the steps' own, which exist without the poller too
        List<String> ids = new ArrayList<>();
        List<Runnable> wakes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("run-" + i);
            int step = i;
            wakes.add(() -> ids.get(step));
        }
        long before = usedAfterGc();
        List<BatchPoller.Registration> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            kept.add(poller.register(ids.get(i), "Running", EPOCH + i, wakes.get(i)));
        }
        long after = usedAfterGc();
        if (kept.size() != poller.waiting()) {
            throw new IllegalStateException("registrations lost");
        }
        return Math.max(0, (after - before) / n);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** One waiting step, simulated. */
    private static final class Waiter {
        final String id;
        FollowState follow;
        Long updatedAt;
        long nextPollAt;
        long delayMillis;
        boolean batched;
        boolean done;
        double noticedSeconds;

        Waiter(String id, FollowState follow) {
            this.id = id;
            this.follow = follow;
        }

        void poll(WorkflowRunner runner, long now, FakeBlinkServer server) throws Exception {
            WorkflowRunner.PollResult result = runner.poll(follow);
            if (result instanceof WorkflowRunner.PollResult.Waiting waiting) {
                follow = waiting.next();
                updatedAt = waiting.updatedAt();
                delayMillis = waiting.delay().toMillis();
                nextPollAt = now + delayMillis;
            } else {
                done = true;
                Long end = server.execution(id).finishedAt();
                noticedSeconds = end == null ? Double.NaN : (now - end) / 1000.0;
            }
        }
    }
}
