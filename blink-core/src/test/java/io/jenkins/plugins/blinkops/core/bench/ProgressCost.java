package io.jenkins.plugins.blinkops.core.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What printing a run's steps costs ({@code progress}, on by default): the {@link Scale} run of
 * 1,000 follows, each run of 5 steps, with progress off and on, side by side in one JVM. The reads
 * per run and the state each waiting step keeps (its {@code FollowState}, which remembers the step
 * lines printed so that a restart prints none twice) are what progress adds; heap is the sampled
 * peak, garbage included.
 */
final class ProgressCost {
    static final int STEPS_PER_RUN = 5;

    private ProgressCost() {}

    static String run() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (boolean progress : new boolean[] {false, true}) {
            List<Double> executionGets = new ArrayList<>();
            List<Double> stepGets = new ArrayList<>();
            List<Double> calls = new ArrayList<>();
            List<Double> heap = new ArrayList<>();
            List<Double> stateBytes = new ArrayList<>();
            for (int run = 0; run < Scale.RUNS; run++) {
                Scale.One one = Scale.once(progress, STEPS_PER_RUN);
                if (one.wrong() != 0) {
                    throw new IllegalStateException(one.wrong() + " wrong outcomes");
                }
                executionGets.add((double) one.gets() / Scale.EXECUTIONS);
                stepGets.add((double) one.stepGets() / Scale.EXECUTIONS);
                calls.add((double) (one.gets() + one.stepGets()) / Scale.EXECUTIONS);
                heap.add(one.peakHeapMb());
                stateBytes.add(Stats.of(one.followStateBytes().stream()
                                .map(Integer::doubleValue)
                                .toList())
                        .median());
            }
            String label = progress ? "progress on" : "progress off";
            rows.add(Stats.row(label + ": reads of the execution per run", executionGets, 2));
            rows.add(Stats.row(label + ": reads of its steps per run", stepGets, 2));
            rows.add(Stats.row(label + ": calls to Blink per run, start excluded", calls, 2));
            rows.add(Stats.row(label + ": state kept per waiting step, serialized (bytes)", stateBytes, 0));
            rows.add(Stats.row(label + ": peak heap used, sampled every 5 ms (MB)", heap, 1));
        }
        return String.format(
                Locale.ROOT,
                "Progress: %d executions at once, %d steps each, progress off then on%n%s",
                Scale.EXECUTIONS,
                STEPS_PER_RUN,
                Stats.table(List.of("measure", "median [p25–p75] (min–max) over " + Scale.RUNS + " runs"), rows));
    }
}
