package io.jenkins.plugins.blinkops.core.bench;

import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.FollowState;
import io.jenkins.plugins.blinkops.core.run.PollingPolicy;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WorkflowRunner;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 1,000 executions followed at once through the step API, as a Pipeline step does it: a scheduler
 * of 2 threads decides when each execution is polled next and hands every HTTP call ({@code
 * start}, {@code poll}) to a small pool of worker threads, so that no scheduler thread ever waits on
 * the network and no thread is held between polls. The workers (16) outnumber the connections the
 * engine allows ({@link ConnectionSettings#maxConcurrentRequests()}, default 10), so that what keeps
 * the requests at the server bounded is the engine's pool, not the benchmark.
 *
 * <p>Real time: workflows take 1 to 4.9 s; polling starts at 100 ms and grows to 500 ms (the
 * default policy's shape, scaled down 10 to 30 times so that a run takes seconds).
 */
final class Scale {
    static final int EXECUTIONS = 1000;
    static final int SCHEDULER_THREADS = 2;
    static final int WORKERS = 16;
    static final int RUNS = 3;
    static final PollingPolicy POLLING = new PollingPolicy(Duration.ofMillis(100), 2.0, Duration.ofMillis(500));

    static String run() throws Exception {
        List<Double> wall = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<Double> threads = new ArrayList<>();
        List<Double> engineThreads = new ArrayList<>();
        List<Double> inFlight = new ArrayList<>();
        List<Double> gets = new ArrayList<>();
        int maxConcurrent = 0;
        String outcomes = "";
        boolean allRight = true;
        for (int run = 0; run < RUNS; run++) {
            One one = once(RunOptions.DEFAULT.progress(), 0);
            wall.add(one.wallSeconds);
            heap.add(one.peakHeapMb);
            threads.add((double) one.peakThreads);
            engineThreads.add((double) one.peakNonServerThreads);
            inFlight.add((double) one.peakInFlight);
            gets.add((double) one.gets);
            maxConcurrent = one.maxConcurrent;
            allRight &= one.wrong == 0;
            outcomes = one.completed + " Completed + " + one.failed + " Failed right, " + one.wrong + " wrong";
        }
        Stats inFlightStats = Stats.of(inFlight);
        String table = Stats.table(
                List.of("measure", "median [p25–p75] (min–max) over " + RUNS + " runs"),
                List.of(
                        Stats.row("wall time to follow all 1,000 (s)", wall, 2),
                        Stats.row("GETs in all", gets, 0),
                        Stats.row("peak live threads in the JVM", threads, 0),
                        Stats.row("  of which not the fake server's (sampled every 20 ms)", engineThreads, 0),
                        Stats.row("peak heap used, sampled every 5 ms (MB)", heap, 1),
                        List.of("peak requests in flight at the fake server", inFlightStats.describe(0))));
        return String.format(
                Locale.ROOT,
                "Scale: %d executions at once, scheduler %d threads, HTTP on %d workers, maxConcurrentRequests %d%n"
                        + "%s%noutcomes (last run): %s; all runs right: %s%n"
                        + "peak in flight ≤ maxConcurrentRequests (%d): %s%n",
                EXECUTIONS,
                SCHEDULER_THREADS,
                WORKERS,
                maxConcurrent,
                table,
                outcomes,
                allRight ? "yes" : "NO",
                maxConcurrent,
                inFlightStats.max() <= maxConcurrent ? "yes" : "NO");
    }

    record One(
            double wallSeconds,
            double peakHeapMb,
            int peakThreads,
            int peakNonServerThreads,
            int peakInFlight,
            int gets,
            int completed,
            int failed,
            int wrong,
            int maxConcurrent,
            int stepGets,
            List<Integer> followStateBytes) {}

    /**
     * One run of {@link #EXECUTIONS} follows.
     *
     * @param progress whether each follow prints the run's steps ({@link RunOptions#progress()})
     * @param steps    steps per run (0: the fake's one step); more steps, more progress lines
     */
    static One once(boolean progress, int steps) throws Exception {
        try (FakeBlinkServer server = FakeBlinkServer.start()) {
            server.workspace("ws-1", "Ops");
            for (int k = 0; k < 40; k++) {
                server.workflow("ws-1", "wf-" + k)
                        .takes(Duration.ofMillis(1000 + 100L * k))
                        .endsWith(k % 4 == 0 ? "Failed" : "Completed");
                if (steps > 0) {
                    server.workflow("ws-1", "wf-" + k).steps(steps);
                }
            }
            BlinkTransport transport = BlinkTransport.forSettings(ConnectionSettings.of(BlinkHost.parse(server.url())));
            BlinkClient client = new BlinkClient(transport, ApiKey.of("test-api-key"));
            RunOptions options = RunOptions.DEFAULT
                    .withPolling(POLLING)
                    .withTimeout(Duration.ofMinutes(2))
                    .withPrintOutputs(false)
                    .withProgress(progress);
            WorkflowRunner runner =
                    new WorkflowRunner(client, options, new BuildLog(new PrintStream(OutputStream.nullOutputStream())));
            ScheduledExecutorService scheduler =
                    Executors.newScheduledThreadPool(SCHEDULER_THREADS, named("bench-scheduler-"));
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS, named("bench-worker-"));
            CountDownLatch done = new CountDownLatch(EXECUTIONS);
            ConcurrentLinkedQueue<String> wrongs = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Integer> stateBytes = new ConcurrentLinkedQueue<>();
            AtomicInteger completed = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();

            gcQuietly();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            mx.resetPeakThreadCount();
            server.resetPeakInFlight();
            Sampler sampler = new Sampler();
            sampler.start();
            long start = System.nanoTime();
            for (int i = 0; i < EXECUTIONS; i++) {
                int k = i % 40;
                boolean shouldFail = k % 4 == 0;
                ExecutionRequest request = ExecutionRequest.builder("ws-1", "wf-" + k)
                        .input("n", i)
                        .build();
                Step step =
                        new Step(runner, scheduler, workers, done, wrongs, stateBytes, completed, failed, shouldFail);
                scheduler.execute(() -> workers.execute(() -> step.start(request)));
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the scale run did not end");
            }
            double wall = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            scheduler.shutdownNow();
            workers.shutdownNow();
            int gets = server.count(Route.GET_EXECUTION);
            wrongs.stream().limit(5).forEach(w -> System.out.println("WRONG: " + w));
            One one = new One(
                    wall,
                    sampler.peakHeap.get() / 1048576.0,
                    mx.getPeakThreadCount(),
                    sampler.peakNonServerThreads.get(),
                    server.peakInFlight(),
                    gets,
                    completed.get(),
                    failed.get(),
                    wrongs.size(),
                    transport.settings().maxConcurrentRequests(),
                    server.count(Route.GET_STEPS),
                    List.copyOf(stateBytes));
            if (transport.leasedConnections() != 0) {
                throw new IllegalStateException("connections still leased: " + transport.leasedConnections());
            }
            transport.close();
            return one;
        }
    }

    /** One execution's way through start and polls, each HTTP call on a worker, each wait on the scheduler. */
    private record Step(
            WorkflowRunner runner,
            ScheduledExecutorService scheduler,
            ExecutorService workers,
            CountDownLatch done,
            ConcurrentLinkedQueue<String> wrongs,
            ConcurrentLinkedQueue<Integer> stateBytes,
            AtomicInteger completed,
            AtomicInteger failed,
            boolean shouldFail) {

        void start(ExecutionRequest request) {
            try {
                FollowState state = runner.start(request);
                workers.execute(() -> poll(state));
            } catch (Exception e) {
                end("start failed: " + e);
            }
        }

        void poll(FollowState state) {
            try {
                WorkflowRunner.PollResult r = runner.poll(state);
                if (r instanceof WorkflowRunner.PollResult.Done d) {
                    // what the step kept while it waited, as a Pipeline step saves it
                    stateBytes.add(serializedSize(state));
                    ExecutionOutcome o = d.outcome();
                    if (o.timedOut() || o.success() == shouldFail) {
                        end("wrong outcome " + o.summary());
                    } else {
                        (shouldFail ? failed : completed).incrementAndGet();
                        end(null);
                    }
                    return;
                }
                WorkflowRunner.PollResult.Waiting w = (WorkflowRunner.PollResult.Waiting) r;
                scheduler.schedule(
                        () -> workers.execute(() -> poll(w.next())), w.delay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                end("poll failed: " + e);
            }
        }

        private void end(String wrong) {
            if (wrong != null) {
                wrongs.add(wrong);
            }
            done.countDown();
        }
    }

    /** Samples heap in use every 5 ms, and live threads by name every 20 ms. */
    static final class Sampler extends Thread {
        final AtomicLong peakHeap = new AtomicLong();
        final AtomicInteger peakNonServerThreads = new AtomicInteger();

        Sampler() {
            super("bench-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (int tick = 0; !isInterrupted(); tick++) {
                peakHeap.accumulateAndGet(
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                if (tick % 4 == 0) {
                    int nonServer = 0;
                    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds(), 0)) {
                        if (t != null
                                && !t.getThreadName().startsWith("fake-blink-")
                                && !t.getThreadName().startsWith("HTTP-Dispatcher")) {
                            nonServer++;
                        }
                    }
                    peakNonServerThreads.accumulateAndGet(nonServer, Math::max);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static int serializedSize(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    static void gcQuietly() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
    }
}
