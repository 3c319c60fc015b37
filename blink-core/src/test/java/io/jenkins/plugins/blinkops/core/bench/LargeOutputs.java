package io.jenkins.plugins.blinkops.core.bench;

import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * 1, 10 and 50 MB of outputs, in both shapes the fake can send (many keys of 1,000 characters, or
 * one key holding a single giant string), read by the engine in a child JVM limited to 256 MB of
 * heap ({@link LargeOutputsChild}), with the default output cap. The fake server runs here, in the
 * parent, so that the child's heap holds nothing but the engine. Each cell runs {@value #REPEATS}
 * times: the table gives the median time and the highest peak heap.
 */
final class LargeOutputs {
    static final int REPEATS = 3;
    static final String HEAP = "-Xmx256m";

    static String run() throws Exception {
        String classpath = classpath();
        List<List<String>> rows = new ArrayList<>();
        boolean allGood = true;
        try (FakeBlinkServer server = FakeBlinkServer.start()) {
            server.workspace("ws-1", "Ops");
            for (int mb : new int[] {1, 10, 50}) {
                server.workflow("ws-1", "many-" + mb).hugeOutputs(mb * 1024 * 1024);
                server.workflow("ws-1", "one-" + mb).hugeStringOutput(mb * 1024 * 1024);
            }
            for (String shape : new String[] {"many", "one"}) {
                for (int mb : new int[] {1, 10, 50}) {
                    List<Double> seconds = new ArrayList<>();
                    double peakHeap = 0;
                    Map<String, String> last = null;
                    boolean oom = false;
                    for (int i = 0; i < REPEATS; i++) {
                        Map<String, String> r = child(classpath, server.url(), shape + "-" + mb);
                        oom |= "true".equals(r.get("oom"));
                        if (!oom) {
                            seconds.add(Double.parseDouble(r.get("seconds")));
                            peakHeap = Math.max(peakHeap, Double.parseDouble(r.get("peakHeapMb")));
                        }
                        last = r;
                    }
                    long kept = oom ? -1 : Long.parseLong(last.get("keptChars"));
                    boolean capped = !oom && kept <= RunOptions.DEFAULT_MAX_OUTPUT_BYTES;
                    allGood &= capped && "true".equals(last.get("truncated"));
                    rows.add(List.of(
                            shape.equals("many") ? "many keys × 1,000 chars" : "one giant string",
                            mb + " MB",
                            oom ? "YES" : "no",
                            oom ? "-" : String.format(Locale.ROOT, "%.0f", peakHeap),
                            oom ? "-" : Stats.of(seconds).describe(2),
                            oom ? "-" : String.format(Locale.ROOT, "%,d", kept),
                            oom ? "-" : last.get("truncated"),
                            capped ? "yes" : "NO"));
                }
            }
        }
        String table = Stats.table(
                List.of(
                        "shape",
                        "outputs",
                        "OutOfMemoryError",
                        "peak heap (MB)",
                        "seconds: median [p25–p75] (min–max)",
                        "chars kept",
                        "truncated",
                        "≤ cap"),
                rows);
        return String.format(
                Locale.ROOT,
                "Large outputs: child JVM %s, RunOptions.maxOutputBytes %,d (default), FOLLOW through"
                        + " WorkflowRunner, %d runs per cell%n%s%nno OOM and cap respected everywhere: %s%n",
                HEAP,
                RunOptions.DEFAULT_MAX_OUTPUT_BYTES,
                REPEATS,
                table,
                allGood ? "yes" : "NO");
    }

    private static Map<String, String> child(String classpath, String url, String workflow) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        HEAP,
                        "-XX:+UseG1GC",
                        "-cp",
                        classpath,
                        LargeOutputsChild.class.getName(),
                        url,
                        workflow)
                .redirectErrorStream(true)
                .start();
        Map<String, String> result = new HashMap<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    for (String kv : line.substring(7).split(" ")) {
                        int eq = kv.indexOf('=');
                        result.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM did not end");
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("child JVM gave no result (exit " + p.exitValue() + "):\n" + all);
        }
        return result;
    }

    /**
     * The test classpath: {@code java.class.path} when run by plain {@code java}; under {@code mvn
     * exec:java} the classes come from the plugin's class loader instead, so its URLs are used.
     */
    static String classpath() throws URISyntaxException {
        ClassLoader loader = LargeOutputs.class.getClassLoader();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL u : urls.getURLs()) {
                entries.add(new File(u.toURI()).getPath());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }
}
