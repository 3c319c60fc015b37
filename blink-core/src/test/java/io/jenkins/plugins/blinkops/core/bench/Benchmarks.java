package io.jenkins.plugins.blinkops.core.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The engine's benchmarks, each against the fake Blink server over real loopback sockets, each
 * printing a table. Not tests: surefire does not run them (no {@code *Test} name). Run them all with
 *
 * <pre>
 * mvn -B -f blink-core/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.jenkins.plugins.blinkops.core.bench.Benchmarks
 * </pre>
 *
 * or some of them with {@code -Dexec.args="start follow scale outputs"}. See docs/PERFORMANCE.md.
 */
public final class Benchmarks {
    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.of("start", "follow", "scale", "outputs") : List.of(args);
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
            String table =
                    switch (name) {
                        case "start" -> StartOverhead.run();
                        case "follow" -> FollowCost.run();
                        case "scale" -> Scale.run();
                        case "outputs" -> LargeOutputs.run();
                        default -> throw new IllegalArgumentException("no benchmark " + name);
                    };
            System.out.println(table);
            System.out.printf(Locale.ROOT, "(%s took %.1f s)%n%n", name, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf(Locale.ROOT, "All benchmarks took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
