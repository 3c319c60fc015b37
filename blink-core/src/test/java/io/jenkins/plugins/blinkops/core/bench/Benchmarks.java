package io.jenkins.plugins.blinkops.core.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's benchmarks, each against the fake Blink server over real loopback sockets, each
 * printing a table. Not tests: surefire does not run them (no {@code *Test} name). Run them all with
 *
 * <pre>
 * mvn -B -f blink-core/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.jenkins.plugins.blinkops.core.bench.Benchmarks
 * </pre>
 *
 * or some of them with {@code -Dexec.args="start follow scale progress outputs sync callback waits"}. See docs/PERFORMANCE.md.
 */
public final class Benchmarks {
    private Benchmarks() {}

    /** A benchmark: it runs and answers its table. */
    private interface Benchmark {
        String run() throws Exception;
    }

    private static final Map<String, Benchmark> ALL = new LinkedHashMap<>();

    static {
        ALL.put("start", StartOverhead::run);
        ALL.put("follow", FollowCost::run);
        ALL.put("scale", Scale::run);
        ALL.put("progress", ProgressCost::run);
        ALL.put("outputs", LargeOutputs::run);
        ALL.put("sync", SyncScale::run);
        ALL.put("callback", CallbackWake::run);
        ALL.put("waits", ManyWaits::run);
    }

    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.copyOf(ALL.keySet()) : List.of(args);
        // every name is checked before anything runs, so a typo does not cost the runs before it
        for (String name : which) {
            if (!ALL.containsKey(name)) {
                System.err.println("No benchmark '" + name + "'. The benchmarks are: " + String.join(", ", ALL.keySet())
                        + " (none given: all of them).");
                System.exit(2);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Blink engine benchmarks: Java %s (%s), %d processors, max heap %d MB, JVM args %s%n%n",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        long start = System.nanoTime();
        for (String name : which) {
            long t = System.nanoTime();
            System.out.println(ALL.get(name).run());
            System.out.printf(Locale.ROOT, "(%s took %.1f s)%n%n", name, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf(Locale.ROOT, "All benchmarks took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
