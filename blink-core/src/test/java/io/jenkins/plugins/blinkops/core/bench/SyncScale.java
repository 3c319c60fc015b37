package io.jenkins.plugins.blinkops.core.bench;

import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import io.jenkins.plugins.blinkops.core.run.WorkflowRunner;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * 1,000 synchronous runs ({@code run_sync}) waiting at once through {@link
 * WorkflowRunner#runSyncAsync}, as Pipeline steps start them: the fake holds each request for the
 * run's 3 s, with a connection each ({@code maxConcurrentRequests} 1,000). Measures the threads the
 * engine needs for that (the fake's own, one per held request, are not counted), the heap and the
 * time until all answered.
 */
final class SyncScale {
    static final int AT_ONCE = 1000;
    static final int RUNS = 3;
    static final Duration TAKES = Duration.ofSeconds(3);

    private SyncScale() {}

    record One(double wallSeconds, int peakNonServerThreads, int threadsBefore, double peakHeapMb, int right) {}

    static String run() throws Exception {
        List<Double> wall = new ArrayList<>();
        List<Double> threads = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        boolean allRight = true;
        for (int run = 0; run < RUNS; run++) {
            One one = once();
            wall.add(one.wallSeconds());
            threads.add((double) one.peakNonServerThreads());
            added.add((double) (one.peakNonServerThreads() - one.threadsBefore()));
            heap.add(one.peakHeapMb());
            allRight &= one.right() == AT_ONCE;
        }
        String table = Stats.table(
                List.of("measure", "median [p25–p75] (min–max) over " + RUNS + " runs"),
                List.of(
                        Stats.row("wall time until all 1,000 answered (s)", wall, 2),
                        Stats.row("peak live threads, not the fake server's (sampled every 20 ms)", threads, 0),
                        Stats.row("  of which started while the runs waited", added, 0),
                        Stats.row("peak heap used, sampled every 5 ms (MB)", heap, 1)));
        return String.format(
                Locale.ROOT,
                "Synchronous runs: %d at once through WorkflowRunner.runSyncAsync, each held %d s by the fake%n"
                        + "%s%nall runs Completed with their outputs: %s%n",
                AT_ONCE,
                TAKES.toSeconds(),
                table,
                allRight ? "yes" : "NO");
    }

    private static One once() throws Exception {
        try (FakeBlinkServer server = FakeBlinkServer.start()) {
            server.workspace("ws-1", "Ops");
            server.workflow("ws-1", "wf-1").takes(TAKES).outputs("{\"n\":1}");
            BlinkTransport transport = BlinkTransport.open(
                    ConnectionSettings.of(BlinkHost.parse(server.url())).withMaxConcurrentRequests(AT_ONCE));
            WorkflowRunner runner = new WorkflowRunner(
                    new BlinkClient(transport, ApiKey.of("test-api-key")),
                    RunOptions.DEFAULT
                            .withWaitMode(WaitMode.SYNC)
                            .withTimeout(Duration.ofMinutes(1))
                            .withPrintOutputs(false),
                    new BuildLog(new PrintStream(OutputStream.nullOutputStream())));
            ExecutionRequest request = ExecutionRequest.builder("ws-1", "wf-1").build();
            // a first run starts the asynchronous client's own threads
            server.workflow("ws-1", "warm-up");
            runner.runSyncAsync(ExecutionRequest.builder("ws-1", "warm-up").build())
                    .get(1, TimeUnit.MINUTES);
            Scale.gcQuietly();
            Scale.Sampler before = new Scale.Sampler();
            before.start();
            Thread.sleep(100);
            before.interrupt();
            before.join();
            Scale.Sampler sampler = new Scale.Sampler();
            sampler.start();
            long start = System.nanoTime();
            List<CompletableFuture<ExecutionOutcome>> runs = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                runs.add(runner.runSyncAsync(request));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            double wall = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            int right = 0;
            for (CompletableFuture<ExecutionOutcome> run : runs) {
                ExecutionOutcome outcome = run.get();
                if (outcome.success() && outcome.outputs().values().get("n").getAsInt() == 1) {
                    right++;
                }
            }
            transport.close();
            return new One(
                    wall,
                    sampler.peakNonServerThreads.get(),
                    before.peakNonServerThreads.get(),
                    sampler.peakHeap.get() / 1048576.0,
                    right);
        }
    }
}
