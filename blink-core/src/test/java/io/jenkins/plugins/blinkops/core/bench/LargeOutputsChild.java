package io.jenkins.plugins.blinkops.core.bench;

import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.PollingPolicy;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WorkflowRunner;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Locale;

/**
 * Run by {@link LargeOutputs} in a JVM with a small heap: follows one workflow with huge outputs
 * and prints one line {@code RESULT key=value ...}: whether it ran out of memory, the heap's
 * high-water mark (peak usage of the heap pools, garbage included), the time, and what was kept.
 */
public final class LargeOutputsChild {
    private LargeOutputsChild() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String workflow = args[1];
        BlinkTransport transport = BlinkTransport.forSettings(ConnectionSettings.of(BlinkHost.parse(url)));
        BlinkClient client = new BlinkClient(transport, ApiKey.of("test-api-key"));
        RunOptions options = RunOptions.DEFAULT
                .withPolling(new PollingPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(50)))
                .withPrintOutputs(false);
        WorkflowRunner runner =
                new WorkflowRunner(client, options, new BuildLog(new PrintStream(OutputStream.nullOutputStream())));
        // a first small run loads the classes, so the peak is the outputs' alone
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        try {
            ExecutionOutcome outcome =
                    runner.run(ExecutionRequest.builder("ws-1", workflow).build());
            double seconds = (System.nanoTime() - start) / 1e9;
            long kept = outcome.outputs().values().toString().length();
            System.out.printf(
                    Locale.ROOT,
                    "RESULT oom=false state=%s seconds=%.3f peakHeapMb=%.1f keptChars=%d truncated=%s%n",
                    outcome.state().name(),
                    seconds,
                    peakHeapMb(),
                    kept,
                    outcome.outputs().truncated());
        } catch (OutOfMemoryError e) {
            System.out.println("RESULT oom=true peakHeapMb=" + peakHeapMb());
        }
        transport.close();
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }
}
