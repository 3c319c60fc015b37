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
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long after a workflow ends the engine notices, and how many GETs it spent, with
 * {@link PollingPolicy#DEFAULT}. Time is simulated: the fake server and the runner read the same
 * clock, and the benchmark moves it by each delay the runner asks for instead of sleeping, so a
 * ten-minute workflow is followed in milliseconds of real time, over real loopback HTTP.
 *
 * <p>Each duration is run as given (the "exact" columns) and with 40 seeded phases (the duration
 * plus 0 to 15 s), since how late the end is seen depends on where it falls between two polls.
 */
final class FollowCost {
    static final long EPOCH = 1_700_000_000_000L;
    static final int PHASES = 40;
    static final int WALL_REPEATS = 7;

    static String run() throws Exception {
        AtomicLong clock = new AtomicLong(EPOCH);
        try (FakeBlinkServer server = FakeBlinkServer.start()) {
            server.workspace("ws-1", "Ops").clock(clock::get);
            BlinkTransport transport = BlinkTransport.forSettings(ConnectionSettings.of(BlinkHost.parse(server.url())));
            BlinkClient client = new BlinkClient(transport, ApiKey.of("test-api-key"));
            RunOptions options = RunOptions.DEFAULT.withPrintOutputs(false);
            BuildLog log = new BuildLog(new PrintStream(OutputStream.nullOutputStream()));
            WorkflowRunner runner = new WorkflowRunner(client, options, log, clock::get);
            PollingPolicy policy = options.polling();
            double cap = policy.maxInterval().toMillis();
            double initial = policy.initialInterval().toMillis();
            Random random = new Random(42);

            // warm-up: the JIT, the pool's connections
            for (int i = 0; i < 200; i++) {
                follow(server, runner, clock, Duration.ofSeconds(30), "warm-" + i);
            }

            List<List<String>> rows = new ArrayList<>();
            boolean allWithin = true;
            int n = 0;
            for (Duration d : List.of(
                    Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(10))) {
                double formula = Math.log(cap / initial) / Math.log(2) + d.toMillis() / cap + 1;
                long bound = (long) Math.ceil(formula);
                Result exact = follow(server, runner, clock, d, "wf-" + n++);
                List<Double> delays = new ArrayList<>();
                List<Double> gets = new ArrayList<>();
                for (int p = 0; p < PHASES; p++) {
                    Duration phased = d.plusMillis(random.nextInt((int) cap));
                    Result r = follow(server, runner, clock, phased, "wf-" + n++);
                    delays.add(r.detectionMillis / 1000.0);
                    gets.add((double) r.gets);
                }
                List<Double> wall = new ArrayList<>();
                for (int i = 0; i < WALL_REPEATS; i++) {
                    wall.add(follow(server, runner, clock, d, "wf-" + n++).wallMillis);
                }
                Stats ds = Stats.of(delays);
                Stats gs = Stats.of(gets);
                boolean within = exact.detectionMillis <= cap && exact.gets <= bound;
                allWithin &= within;
                rows.add(List.of(
                        Durations.short_(d),
                        exact.gets + "",
                        String.format(Locale.ROOT, "%.1f", exact.detectionMillis / 1000.0),
                        within ? "yes" : "NO",
                        String.format(Locale.ROOT, "%.0f / %.0f", gs.median(), gs.max()),
                        String.format(Locale.ROOT, "%.1f / %.1f", ds.median(), ds.max()),
                        "1",
                        String.format(Locale.ROOT, "%.2f → %d", formula, bound),
                        Stats.of(wall).describe(2)));
            }
            transport.close();
            String table = Stats.table(
                    List.of(
                            "ends after",
                            "GETs",
                            "noticed after end (s)",
                            "within bounds",
                            "GETs over 40 phases: median / max",
                            "noticed (s) over 40 phases: median / max",
                            "ideal GETs",
                            "bound log2(cap/initial) + d/cap + 1",
                            "real ms per follow: median [p25–p75] (min–max)"),
                    rows);
            return String.format(
                    Locale.ROOT,
                    "Follow cost: PollingPolicy.DEFAULT (initial %d s, growth %.0f, cap %d s), simulated clock%n%s"
                            + "%nexact durations within the cap (15 s) and the GET bound: %s%n",
                    policy.initialInterval().toSeconds(),
                    policy.growth(),
                    policy.maxInterval().toSeconds(),
                    table,
                    allWithin ? "yes" : "NO");
        }
    }

    record Result(int gets, long detectionMillis, double wallMillis) {}

    /** Starts a workflow that takes {@code d}, then polls, moving the clock by each delay, until done. */
    static Result follow(FakeBlinkServer server, WorkflowRunner runner, AtomicLong clock, Duration d, String workflow)
            throws Exception {
        server.workflow("ws-1", workflow).takes(d);
        int getsBefore = server.count(Route.GET_EXECUTION);
        long wallStart = System.nanoTime();
        long startedAt = clock.get();
        FollowState state =
                runner.start(ExecutionRequest.builder("ws-1", workflow).build());
        while (true) {
            WorkflowRunner.PollResult r = runner.poll(state);
            if (r instanceof WorkflowRunner.PollResult.Done done) {
                ExecutionOutcome outcome = done.outcome();
                if (!outcome.success()) {
                    throw new IllegalStateException("unexpected outcome " + outcome.summary());
                }
                break;
            }
            WorkflowRunner.PollResult.Waiting waiting = (WorkflowRunner.PollResult.Waiting) r;
            state = waiting.next();
            clock.addAndGet(waiting.delay().toMillis());
        }
        double wall = (System.nanoTime() - wallStart) / 1e6;
        int gets = server.count(Route.GET_EXECUTION) - getsBefore;
        server.clearRequests();
        return new Result(gets, clock.get() - (startedAt + d.toMillis()), wall);
    }

    /** "1 s", "10 min". */
    static final class Durations {
        static String short_(Duration d) {
            return d.toSeconds() % 60 == 0 && d.toSeconds() >= 600 ? d.toMinutes() + " min" : d.toSeconds() + " s";
        }
    }
}
