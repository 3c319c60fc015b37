package io.jenkins.plugins.blinkops.bench;

import hudson.model.queue.QueueTaskFuture;
import io.jenkins.plugins.blinkops.PluginAccess;
import io.jenkins.plugins.blinkops.core.bench.Stats;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.FakeExecution;
import io.jenkins.plugins.blinkops.core.fake.RecordedRequest;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;
import javax.management.ObjectName;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.actions.TimingAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.nodes.StepAtomNode;
import org.jenkinsci.plugins.workflow.flow.FlowDurabilityHint;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.job.properties.DurabilityHintJobProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Many {@code blinkExecute} steps waiting at once in parallel branches, inside the Jenkins that runs
 * the Jenkins tests, against the fake Blink: the threads Jenkins has while they wait, the heap each
 * waiting step costs, and the time from the workflows' end to the steps' and builds' end. A
 * measurement, not a test: the name does not end in {@code Test}, so {@code ./mvnw verify} never
 * runs it; docs/PERFORMANCE.md gives the command. It asserts no timing, only that every step ended
 * Completed.
 *
 * <p>The fake holds every run until the benchmark releases them all at once: each workflow takes a
 * day by the fake's clock, and the release moves that clock on by two (the fake works out a run's
 * state from its clock at each look, and a held {@code run_sync} request looks every 100 ms).
 *
 * <p>Sizes and rounds are system properties, so an exploratory run can be small: {@code
 * blink.bench.follow} and {@code blink.bench.sync} ({@code BUILDSxBRANCHES}, default {@code 10x100}
 * and {@code 5x10}), {@code blink.bench.rounds} (default 3) and {@code blink.bench.warmups}
 * (default 1, not counted); {@code blink.bench.durability} sets the jobs' durability hint (default
 * Jenkins' own, {@code MAX_SURVIVABILITY}).
 */
@WithJenkins
class PipelineScaleBenchmark {
    private static final String WORKFLOW = "wf-held";
    /** Far longer than a round: only the release ends a run. */
    private static final Duration HELD = Duration.ofDays(1);
    /**
     * Polls fall at 0, 1, 2, 4, 8, 16 s, then every 15 s ({@code PollingPolicy.DEFAULT}): once the
     * youngest run is this old, every step is in the 15 s rhythm of a long wait, which is what the
     * release measures.
     */
    private static final Duration FOLLOW_SETTLED = Duration.ofSeconds(17);
    /** {@code PollingPolicy.DEFAULT}'s longest pause between two polls. */
    private static final Duration CAP = Duration.ofSeconds(15);
    /** How long the busy call threads are sampled while all steps wait. */
    private static final Duration BUSY_SAMPLING = Duration.ofSeconds(3);
    /** A guard against a hang, never a measure: a phase that takes this long ends the run with an error. */
    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    private static final String FAKE_THREADS = "fake-blink-";

    private JenkinsRule j;
    private FakeBlinkServer server;
    /** Added to the fake's clock; moving it past {@link #HELD} ends every run at once. */
    private final AtomicLong clockShift = new AtomicLong();
    /** Seeded, so that a run of the benchmark releases at the same points as the last. */
    private final Random releasePhase = new Random(9);

    /** {@code builds} builds of {@code branches} parallel branches, one {@code blinkExecute} in each. */
    record Shape(int builds, int branches) {
        int steps() {
            return builds * branches;
        }

        static Shape of(String property, String fallback) {
            String[] parts = System.getProperty(property, fallback).split("x");
            return new Shape(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        }
    }

    /** {@code durability} null: Jenkins' default, {@code MAX_SURVIVABILITY}. */
    record Scenario(String waitMode, Shape shape, int maxConcurrentRequests, FlowDurabilityHint durability) {
        Scenario(String waitMode, Shape shape, int maxConcurrentRequests) {
            this(waitMode, shape, maxConcurrentRequests, durabilityProperty());
        }

        /** {@code blink.bench.durability}, e.g. {@code PERFORMANCE_OPTIMIZED}, to see what the program's saves cost. */
        private static FlowDurabilityHint durabilityProperty() {
            String hint = System.getProperty("blink.bench.durability");
            return hint == null || hint.isBlank() ? null : FlowDurabilityHint.valueOf(hint.strip());
        }
    }

    /** The threads of the JVM at one moment: all of them, the fake Blink's, and by name. */
    record Threads(int live, int fake, Map<String, Integer> byGroup) {}

    record Round(
            double secondsToAllWaiting,
            Threads before,
            Threads waiting,
            int busyMax,
            double busyMean,
            double heapBeforeMb,
            double heapWaitingMb,
            Map<String, long[]> heapGrowthByClass,
            List<Double> stepEnds,
            List<Double> buildEnds,
            List<Double> lastStepToFlowEnd,
            List<Double> flowEndToBuildEnd) {}

    @BeforeEach
    void startJenkinsAndBlink(JenkinsRule rule) {
        j = rule;
        server = PluginAccess.startServer();
        server.clock(() -> System.currentTimeMillis() + clockShift.get());
        server.workflow(PluginAccess.WORKSPACE, WORKFLOW).takes(HELD).outputs("{\"verdict\":\"contained\"}");
    }

    @AfterEach
    void stopBlink() {
        server.close();
    }

    /** The default mode, with the connection's default limit on requests in flight. */
    @Test
    void followSteps() throws Exception {
        measure(new Scenario(
                "FOLLOW",
                Shape.of("blink.bench.follow", "10x100"),
                ConnectionSettings.DEFAULT_MAX_CONCURRENT_REQUESTS));
    }

    /**
     * A synchronous run holds one of the connection's requests for its whole wait, so the limit is
     * raised to one per step: with the default (10), only 10 runs would be in Blink at once and the
     * others would wait for a connection, not for Blink.
     */
    @Test
    void syncSteps() throws Exception {
        Shape shape = Shape.of("blink.bench.sync", "5x10");
        measure(new Scenario("SYNC", shape, shape.steps()));
    }

    private void measure(Scenario scenario) throws Exception {
        String loadBefore = loadAverage();
        PluginAccess.configure(server, scenario.maxConcurrentRequests());
        // the steps need no node: each build runs on a flyweight executor, so Jenkins needs no executor at all
        j.jenkins.setNumExecutors(0);
        List<WorkflowJob> jobs = new ArrayList<>();
        for (int b = 0; b < scenario.shape().builds(); b++) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "scale-" + b);
            job.setDefinition(new CpsFlowDefinition(script(scenario), true));
            if (scenario.durability() != null) {
                job.addProperty(new DurabilityHintJobProperty(scenario.durability()));
            }
            jobs.add(job);
        }
        int warmups = Integer.getInteger("blink.bench.warmups", 1);
        int rounds = Integer.getInteger("blink.bench.rounds", 3);
        for (int i = 0; i < warmups; i++) {
            round(scenario, jobs);
        }
        List<Round> measured = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            measured.add(round(scenario, jobs));
        }
        String report = report(scenario, measured, warmups, loadBefore, loadAverage());
        System.out.println(report);
        Path out = Path.of("target", "pipeline-scale-" + scenario.waitMode().toLowerCase(Locale.ROOT) + ".txt");
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    /**
     * One {@code blinkExecute} in each branch, failing its branch unless the run ended Completed: a
     * successful build is one whose every step ended Completed. No {@code node}: the steps need none.
     */
    private static String script(Scenario scenario) {
        return """
                def branches = [:]
                for (int i = 0; i < %d; i++) {
                  branches["b" + i] = {
                    def result = blinkExecute workflowId: '%s', waitMode: '%s'
                    if (result.state != 'Completed') {
                      error "ended ${result.state}"
                    }
                  }
                }
                parallel branches
                """.formatted(scenario.shape().branches(), WORKFLOW, scenario.waitMode());
    }

    private Round round(Scenario scenario, List<WorkflowJob> jobs) throws Exception {
        int steps = scenario.shape().steps();
        server.forgetExecutions();
        Threads before = threads();
        double heapBefore = heapAfterGcMb();
        Map<String, long[]> histogramBefore = classHistogram();

        long scheduled = System.nanoTime();
        List<QueueTaskFuture<WorkflowRun>> queued = new ArrayList<>();
        for (WorkflowJob job : jobs) {
            queued.add(job.scheduleBuild2(0));
        }
        List<WorkflowRun> runs = new ArrayList<>();
        for (QueueTaskFuture<WorkflowRun> build : queued) {
            runs.add(build.getStartCondition().get(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS));
        }
        if (scenario.waitMode().equals("SYNC")) {
            // Blink holds every synchronous run's request until the run ends
            await("Blink holds all " + steps + " synchronous runs", () -> server.inFlight() >= steps);
        } else {
            await("all " + steps + " executions started and polled", () -> everyExecutionPolled(steps));
        }
        double toAllWaiting = (System.nanoTime() - scheduled) / 1e9;
        if (scenario.waitMode().equals("FOLLOW")) {
            long allPolled = System.nanoTime();
            await("every step in the 15 s rhythm", () -> System.nanoTime() - allPolled >= FOLLOW_SETTLED.toNanos());
        }

        Threads waiting = threads();
        int busyMax = 0;
        long busySum = 0;
        int samples = 0;
        long samplingEnd = System.nanoTime() + BUSY_SAMPLING.toNanos();
        while (System.nanoTime() < samplingEnd) {
            int busy = PluginAccess.busyCallThreads();
            busyMax = Math.max(busyMax, busy);
            busySum += busy;
            samples++;
            Thread.sleep(10);
        }
        // the fake records every poll; what it keeps of its runs stays in the figure, its request log does not
        server.clearRequests();
        double heapWaiting = heapAfterGcMb();
        Map<String, long[]> growth = minus(classHistogram(), histogramBefore);

        if (scenario.waitMode().equals("FOLLOW")) {
            // steps started together poll together: a release at a fixed moment would always fall at the
            // same point between two polls, so it falls at a seeded random point of the 15 s instead
            Thread.sleep(releasePhase.nextInt((int) CAP.toMillis()));
        }
        clockShift.addAndGet(2 * HELD.toMillis());
        long released = System.currentTimeMillis();
        List<Double> buildEnds = new ArrayList<>();
        List<Double> stepEnds = new ArrayList<>();
        List<Double> lastStepToFlowEnd = new ArrayList<>();
        List<Double> flowEndToBuildEnd = new ArrayList<>();
        for (WorkflowRun run : runs) {
            await(run + " ends", () -> !run.isLogUpdated());
            j.assertBuildStatusSuccess(run);
            long buildEnd = run.getStartTimeInMillis() + run.getDuration();
            buildEnds.add((buildEnd - released) / 1000.0);
            List<Long> ends = stepEndTimes(run);
            if (ends.size() != scenario.shape().branches()) {
                throw new AssertionError(run + " ran " + ends.size() + " blinkExecute steps, not "
                        + scenario.shape().branches());
            }
            ends.forEach(end -> stepEnds.add((end - released) / 1000.0));
            // where the time after the last step goes: the Pipeline's end, then the build's
            long flowEnd = flowEndTime(run);
            lastStepToFlowEnd.add(
                    (flowEnd - ends.stream().mapToLong(Long::longValue).max().orElseThrow()) / 1000.0);
            flowEndToBuildEnd.add((buildEnd - flowEnd) / 1000.0);
        }
        List<FakeExecution> executions = server.executions();
        if (executions.size() != steps
                || !executions.stream().allMatch(e -> e.state().equals("Completed"))) {
            throw new AssertionError("expected " + steps + " executions, all Completed: " + executions.size());
        }
        for (WorkflowRun run : runs) {
            // the next round's baseline should not hold this round's builds
            run.delete();
        }
        return new Round(
                toAllWaiting,
                before,
                waiting,
                busyMax,
                (double) busySum / samples,
                heapBefore,
                heapWaiting,
                growth,
                stepEnds,
                buildEnds,
                lastStepToFlowEnd,
                flowEndToBuildEnd);
    }

    /** Every one of the {@code steps} executions has been read at least once: each step has its id and waits. */
    private boolean everyExecutionPolled(int steps) {
        List<FakeExecution> executions = server.executions();
        if (executions.size() < steps) {
            return false;
        }
        Set<String> polled = new HashSet<>();
        for (RecordedRequest request : server.requests(Route.GET_EXECUTION)) {
            polled.add(request.path().substring(request.path().lastIndexOf('/') + 1));
        }
        return executions.stream().allMatch(e -> polled.contains(e.id()));
    }

    /**
     * When each {@code blinkExecute} of the build ended, as the flow graph has it: the start of the
     * node that follows the step's node, which the Pipeline adds once the step has returned.
     */
    private static List<Long> stepEndTimes(WorkflowRun run) {
        FlowExecution execution = run.getExecution();
        if (execution == null) {
            throw new AssertionError(run + " has no flow execution");
        }
        List<Long> ends = new ArrayList<>();
        for (FlowNode node : new DepthFirstScanner().allNodes(execution)) {
            for (FlowNode parent : node.getParents()) {
                if (parent instanceof StepAtomNode atom && "blinkExecute".equals(atom.getDisplayFunctionName())) {
                    ends.add(TimingAction.getStartTime(node));
                }
            }
        }
        return ends;
    }

    /** When the Pipeline's program ended: the start of its end node, its one head once it is over. */
    private static long flowEndTime(WorkflowRun run) {
        FlowExecution execution = run.getExecution();
        if (execution == null || execution.getCurrentHeads().size() != 1) {
            throw new AssertionError(run + " has no single end node");
        }
        return TimingAction.getStartTime(execution.getCurrentHeads().get(0));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("gave up waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Heap in use after three full collections, i.e. about what is retained. */
    private static double heapAfterGcMb() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /**
     * Live objects by class, as {@code jcmd GC.class_histogram} prints them (it collects first):
     * class name to {instances, bytes}. What the heap per step is made of.
     */
    private static Map<String, long[]> classHistogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
        Map<String, long[]> byClass = new HashMap<>();
        for (String line : text.split("\\R")) {
            String[] cells = line.strip().split("\\s+");
            // "   1:   123   4567  [B (java.base@25)": number, instances, bytes, class, module
            if (cells.length >= 4 && cells[0].endsWith(":")) {
                byClass.put(cells[3], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])});
            }
        }
        return byClass;
    }

    private static Map<String, long[]> minus(Map<String, long[]> after, Map<String, long[]> before) {
        Map<String, long[]> growth = new HashMap<>();
        after.forEach((name, counts) -> {
            long[] was = before.getOrDefault(name, new long[2]);
            growth.put(name, new long[] {counts[0] - was[0], counts[1] - was[1]});
        });
        return growth;
    }

    private static Threads threads() {
        Map<String, Integer> byGroup = new HashMap<>();
        int fake = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            byGroup.merge(group(thread.getName()), 1, Integer::sum);
            if (thread.getName().startsWith(FAKE_THREADS)) {
                fake++;
            }
        }
        return new Threads(ManagementFactory.getThreadMXBean().getThreadCount(), fake, byGroup);
    }

    /**
     * Threads of one pool share a name up to a number or a bracket: "Blink call [#3]", "fake-blink-12",
     * "Running CpsFlowExecution[Owner[scale-3/2:scale-3 #2]]".
     */
    static String group(String threadName) {
        int bracket = threadName.indexOf('[');
        String head = bracket > 0 ? threadName.substring(0, bracket) : threadName;
        return head.replaceAll("\\d+", "#").strip();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String report(
            Scenario scenario, List<Round> rounds, int warmups, String loadBefore, String loadAfter) {
        Shape shape = scenario.shape();
        int steps = shape.steps();
        List<List<String>> rows = new ArrayList<>();
        rows.add(Stats.row(
                "time from scheduling the builds until all " + steps + " steps waited (s)",
                each(rounds, Round::secondsToAllWaiting),
                1));
        rows.add(Stats.row(
                "live threads in the JVM, all steps waiting",
                each(rounds, r -> r.waiting().live()),
                0));
        rows.add(Stats.row(
                "  before the builds were scheduled",
                each(rounds, r -> r.before().live()),
                0));
        rows.add(Stats.row(
                "  the fake Blink's, all steps waiting (" + FAKE_THREADS + "*)",
                each(rounds, r -> r.waiting().fake()),
                0));
        rows.add(Stats.row(
                "  added while waiting, not the fake's",
                each(
                        rounds,
                        r -> (r.waiting().live() - r.waiting().fake())
                                - (r.before().live() - r.before().fake())),
                0));
        rows.add(Stats.row(
                "\"" + PluginAccess.callThreadName() + "\" threads busy, every 10 ms for " + BUSY_SAMPLING.toSeconds()
                        + " s: max",
                each(rounds, Round::busyMax),
                0));
        rows.add(Stats.row("  mean", each(rounds, Round::busyMean), 2));
        rows.add(Stats.row("heap used after GC before the builds (MB)", each(rounds, Round::heapBeforeMb), 1));
        rows.add(Stats.row(
                "heap used after GC, all steps waiting, over that (MB)",
                each(rounds, r -> r.heapWaitingMb() - r.heapBeforeMb()),
                1));
        rows.add(Stats.row(
                "  per waiting step (KB)",
                each(rounds, r -> (r.heapWaitingMb() - r.heapBeforeMb()) * 1024 / steps),
                1));
        rows.add(Stats.row(
                "  per waiting step, live objects by the class histogram (KB)",
                each(
                        rounds,
                        r -> r.heapGrowthByClass().values().stream()
                                        .mapToLong(counts -> counts[1])
                                        .sum()
                                / 1024.0
                                / steps),
                1));
        rows.add(Stats.row(
                "release → a step's end (s): median of the " + steps,
                each(rounds, r -> Stats.quantile(r.stepEnds(), 0.5)),
                2));
        rows.add(Stats.row("  p90", each(rounds, r -> Stats.quantile(r.stepEnds(), 0.9)), 2));
        rows.add(Stats.row("  max", each(rounds, r -> Stats.quantile(r.stepEnds(), 1.0)), 2));
        rows.add(Stats.row(
                "release → a build's end (s): median of the " + shape.builds(),
                each(rounds, r -> Stats.quantile(r.buildEnds(), 0.5)),
                2));
        rows.add(Stats.row("  p90", each(rounds, r -> Stats.quantile(r.buildEnds(), 0.9)), 2));
        rows.add(Stats.row("  max", each(rounds, r -> Stats.quantile(r.buildEnds(), 1.0)), 2));
        rows.add(Stats.row(
                "a build's last step's end → its Pipeline's end node (s): median of the " + shape.builds(),
                each(rounds, r -> Stats.quantile(r.lastStepToFlowEnd(), 0.5)),
                2));
        rows.add(Stats.row(
                "the Pipeline's end node → the build's end (s): median of the " + shape.builds(),
                each(rounds, r -> Stats.quantile(r.flowEndToBuildEnd(), 0.5)),
                2));

        Round last = rounds.get(rounds.size() - 1);
        List<List<String>> groups = new ArrayList<>();
        Map<String, Integer> waiting = new TreeMap<>(last.waiting().byGroup());
        waiting.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .forEach(e -> groups.add(List.of(
                        e.getKey(),
                        String.valueOf(last.before().byGroup().getOrDefault(e.getKey(), 0)),
                        String.valueOf(e.getValue()))));

        List<List<String>> classes = new ArrayList<>();
        last.heapGrowthByClass().entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1])
                        .reversed())
                .limit(15)
                .forEach(e -> classes.add(List.of(
                        e.getKey(),
                        String.format(Locale.ROOT, "%.1f", e.getValue()[0] / (double) steps),
                        String.format(Locale.ROOT, "%.0f", e.getValue()[1] / (double) steps))));

        return String.format(
                Locale.ROOT,
                "Inside Jenkins: %d blinkExecute steps (waitMode %s) waiting at once, %d builds x %d parallel"
                        + " branches, no node; connection maxConcurrentRequests %d; durability %s%n"
                        + "Jenkins %s, Java %s, %d processors, max heap %d MB; %d measured rounds after %d"
                        + " warm-up; load average before %s, after %s%n"
                        + "%s%n"
                        + "%s%n"
                        + "Threads by name, last round, top 10 while waiting:%n%s%n"
                        + "Live heap grown while waiting, by class, last round, top 15 (per waiting step):%n%s%n"
                        + "every step ended Completed, every build succeeded, in every round: yes%n",
                steps,
                scenario.waitMode(),
                shape.builds(),
                shape.branches(),
                scenario.maxConcurrentRequests(),
                scenario.durability() == null ? "Jenkins' default" : scenario.durability(),
                Jenkins.VERSION,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                rounds.size(),
                warmups,
                loadBefore,
                loadAfter,
                scenario.waitMode().equals("FOLLOW")
                        ? "released at a seeded random moment 0–15 s after every step polled every 15 s"
                        : "released as soon as Blink held every request",
                Stats.table(List.of("measure", "median [p25–p75] (min–max) over " + rounds.size() + " rounds"), rows),
                Stats.table(List.of("thread name", "before", "all waiting"), groups),
                Stats.table(List.of("class", "instances", "bytes"), classes));
    }

    private static List<Double> each(List<Round> rounds, ToDoubleFunction<Round> measure) {
        return rounds.stream().map(measure::applyAsDouble).toList();
    }
}
