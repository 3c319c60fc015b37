package io.jenkins.plugins.blinkops.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The poll decision over a whole wait: for any policy, timeout, sequence of states Blink reports
 * (or no usable answer), callbacks, and any lateness of the clock at each poll, the wait ends at the
 * first end state, as the engine's own {@link ExecutionState#isTerminal()} says and {@code onPaused}
 * says for {@code Paused} (with {@link PausedHandling#WAIT} a paused run is waited through), or on its timeout,
 * never later than one poll past it, and never polls faster than its policy.
 */
class PollingPropertiesTest {

    /** One poll: what Blink said (null: no usable answer), how late the poll ran, whether a callback came before it. */
    record Poll(String state, long lateMillis, boolean wokenBefore) {}

    @Property
    void aWaitEndsAtTheFirstEndStateOrItsTimeoutAndPollsNoFasterThanItsPolicy(
            @ForAll("policies") PollingPolicy polling,
            @ForAll("slowPolicies") PollingPolicy callbackPolling,
            @ForAll @LongRange(min = 1, max = 600_000) long timeoutMillis,
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long startMillis,
            @ForAll boolean callbackArmed,
            @ForAll PausedHandling onPaused,
            @ForAll @Size(max = 400) List<@From("polls") Poll> polls) {
        FollowState follow =
                FollowState.started("ws", "wf", "ex", startMillis, Duration.ofMillis(timeoutMillis), callbackArmed);
        long deadline = follow.deadlineMillis();
        // the first look as the runner schedules it (a client is not needed for that)
        RunOptions options = RunOptions.DEFAULT.withPolling(polling).withCallbackPolling(callbackPolling);
        long scheduled = startMillis
                + new WorkflowRunner(null, options, null, () -> startMillis)
                        .firstPollDelay(follow)
                        .toMillis();
        int firstEnd = firstEnd(polls, onPaused);
        for (int i = 0; ; i++) {
            Poll poll = i < polls.size() ? polls.get(i) : new Poll("Running", 0, false);
            long now = scheduled + poll.lateMillis();
            if (poll.wokenBefore() && callbackArmed) {
                follow = follow.woken(now);
            }
            ExecutionState seen = poll.state() == null ? null : ExecutionState.of(poll.state());
            PollDecision decision = PollDecision.decide(polling, callbackPolling, onPaused, follow, seen, now);
            if (decision instanceof PollDecision.Finished finished) {
                assertThat(i).as("ends at the first end state").isEqualTo(firstEnd);
                assertThat(finished.state()).isEqualTo(seen);
                return;
            }
            assertThat(i).as("no end state passed by").isNotEqualTo(firstEnd);
            if (decision instanceof PollDecision.TimedOut) {
                assertThat(now).as("not before the deadline").isGreaterThanOrEqualTo(deadline);
                assertThat(scheduled)
                        .as("the poll that times out was due by the deadline")
                        .isLessThanOrEqualTo(deadline);
                return;
            }
            long delay = ((PollDecision.PollAgain) decision).delay().toMillis();
            long left = deadline - now;
            assertThat(delay)
                    .as("waits, and never past the deadline")
                    .isPositive()
                    .isLessThanOrEqualTo(left);
            long fastest = callbackArmed
                    ? Math.min(
                            polling.initialInterval().toMillis(),
                            callbackPolling.initialInterval().toMillis())
                    : polling.initialInterval().toMillis();
            long slowest =
                    (callbackArmed ? callbackPolling : polling).maxInterval().toMillis();
            assertThat(delay).as("no faster than the policy").isGreaterThanOrEqualTo(Math.min(fastest, left));
            assertThat(delay).as("no slower than the policy's cap").isLessThanOrEqualTo(slowest);
            follow = seen == null ? follow.pollFailed() : follow.seen(seen.name());
            scheduled = now + delay;
        }
    }

    private static int firstEnd(List<Poll> polls, PausedHandling onPaused) {
        for (int i = 0; i < polls.size(); i++) {
            String state = polls.get(i).state();
            if (state == null) {
                continue;
            }
            ExecutionState seen = ExecutionState.of(state);
            boolean waitedThrough = seen.isPaused() && onPaused == PausedHandling.WAIT;
            if ((seen.isTerminal() || seen.isPaused()) && !waitedThrough) {
                return i;
            }
        }
        return -1;
    }

    @Provide
    Arbitrary<Poll> polls() {
        // the states Blink's own client names, and others: the engine decides which end a wait
        Arbitrary<String> states = Arbitraries.oneOf(
                Arbitraries.of(
                        "Running",
                        "In progress",
                        "Pending",
                        "Queued",
                        "Completed",
                        "Failed",
                        "Cancelled",
                        "Timeout",
                        "Skipped",
                        "Paused",
                        "Waiting for approval",
                        "running",
                        "COMPLETED",
                        "in_progress"),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.just(null));
        Arbitrary<String> mostlyRunning =
                Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("Running")), Tuple.of(1, states));
        return Combinators.combine(
                        mostlyRunning,
                        Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.just(0L)),
                                Tuple.of(1, Arbitraries.longs().between(1, 120_000))),
                        Arbitraries.of(false, false, false, true))
                .as(Poll::new);
    }

    @Provide
    Arbitrary<PollingPolicy> policies() {
        return policies(200, 5_000, 60_000);
    }

    @Provide
    Arbitrary<PollingPolicy> slowPolicies() {
        return policies(1_000, 120_000, 600_000);
    }

    private static Arbitrary<PollingPolicy> policies(long minInitial, long maxInitial, long maxCap) {
        return Arbitraries.longs()
                .between(minInitial, maxInitial)
                .flatMap(initial -> Combinators.combine(
                                Arbitraries.doubles().between(1.0, 4.0),
                                Arbitraries.longs().between(initial, maxCap))
                        .as((growth, cap) ->
                                new PollingPolicy(Duration.ofMillis(initial), growth, Duration.ofMillis(cap))));
    }
}
