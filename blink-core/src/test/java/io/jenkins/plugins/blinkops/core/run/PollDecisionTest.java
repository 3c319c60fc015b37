package io.jenkins.plugins.blinkops.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PollDecisionTest {
    private static final PollingPolicy POLICY = PollingPolicy.DEFAULT;
    private static final FollowState FOLLOW = FollowState.started("ws", "wf", "ex", 0, Duration.ofMinutes(10), false);

    private static PollDecision at(ExecutionState seen, long millis) {
        return PollDecision.decide(POLICY, PollingPolicy.CALLBACK_FALLBACK, PausedHandling.WAIT, FOLLOW, seen, millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Completed", "Failed", "Cancelled", "Timeout", "Skipped"})
    void aTerminalStateFinishesEvenPastTheDeadline(String state) {
        assertThat(at(ExecutionState.of(state), 999_999_999))
                .isEqualTo(new PollDecision.Finished(ExecutionState.of(state)));
    }

    @Test
    void aPausedRunIsWaitedForLikeARunningOneByDefault() {
        assertThat(at(ExecutionState.of("Paused"), 4_000)).isEqualTo(at(ExecutionState.of("Running"), 4_000));
        assertThat(at(ExecutionState.of("Paused"), 600_000)).isEqualTo(new PollDecision.TimedOut());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FAIL", "CONTINUE"})
    void aPausedRunEndsTheWaitWhenTheUserSaysSo(String handling) {
        PollDecision d = PollDecision.decide(
                POLICY,
                PollingPolicy.CALLBACK_FALLBACK,
                PausedHandling.valueOf(handling),
                FOLLOW,
                ExecutionState.of("Paused"),
                4_000);
        assertThat(d).isEqualTo(new PollDecision.Finished(ExecutionState.of("Paused")));
    }

    @Test
    void delaysStartAtTheInitialIntervalAndDoubleUpToTheCap() {
        assertThat(at(ExecutionState.of("Running"), 0)).isEqualTo(new PollDecision.PollAgain(Duration.ofSeconds(1)));
        assertThat(at(ExecutionState.of("Running"), 4_000))
                .isEqualTo(new PollDecision.PollAgain(Duration.ofSeconds(4)));
        assertThat(at(ExecutionState.of("Running"), 120_000))
                .isEqualTo(new PollDecision.PollAgain(Duration.ofSeconds(15)));
    }

    @Test
    void unknownAndMissingStatesKeepWaiting() {
        assertThat(at(ExecutionState.of("Warming up"), 2_000)).isInstanceOf(PollDecision.PollAgain.class);
        assertThat(at(null, 2_000)).isInstanceOf(PollDecision.PollAgain.class);
    }

    @Test
    void theLastPollFallsOnTheDeadline() {
        assertThat(at(ExecutionState.of("Running"), 599_000))
                .isEqualTo(new PollDecision.PollAgain(Duration.ofSeconds(1)));
    }

    @Test
    void pastTheDeadlineItTimesOut() {
        assertThat(at(ExecutionState.of("Running"), 600_000)).isEqualTo(new PollDecision.TimedOut());
    }

    /** The schedule the issue promises: about log2(cap/initial) + duration/cap + 1 polls, noticed within the cap. */
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 60, 600})
    void aRunOfGivenLengthCostsFewPollsAndIsNoticedWithinTheCap(int seconds) {
        long end = seconds * 1000L;
        FollowState follow = FollowState.started("ws", "wf", "ex", 0, Duration.ofHours(1), false);
        List<Long> polls = new ArrayList<>();
        long now = POLICY.nextDelay(Duration.ZERO).toMillis();
        while (true) {
            polls.add(now);
            ExecutionState seen = ExecutionState.of(now >= end ? "Completed" : "Running");
            PollDecision d = PollDecision.decide(
                    POLICY, PollingPolicy.CALLBACK_FALLBACK, PausedHandling.WAIT, follow, seen, now);
            if (d instanceof PollDecision.Finished) {
                break;
            }
            now += ((PollDecision.PollAgain) d).delay().toMillis();
        }
        double bound = Math.log(15) / Math.log(2) + seconds / 15.0 + 2;
        assertThat(polls.size()).isLessThanOrEqualTo((int) Math.ceil(bound));
        assertThat(now - end).isLessThanOrEqualTo(15_000);
    }

    @Test
    void aSlowerGrowthPollsMoreOften() {
        PollingPolicy gentle = new PollingPolicy(Duration.ofMillis(500), 1.5, Duration.ofSeconds(5));
        assertThat(gentle.nextDelay(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(2));
        assertThat(gentle.nextDelay(Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(gentle.nextDelay(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(5));
    }

    // ---- a wait Blink is to wake with its callback

    private static final FollowState ARMED = FollowState.started("ws", "wf", "ex", 0, Duration.ofHours(1), true);

    private static Duration armedDelay(FollowState follow, long millis) {
        PollDecision d = PollDecision.decide(
                POLICY,
                PollingPolicy.CALLBACK_FALLBACK,
                PausedHandling.WAIT,
                follow,
                ExecutionState.of("Running"),
                millis);
        return ((PollDecision.PollAgain) d).delay();
    }

    @Test
    void anArmedWaitFirstLooksAfterTheFallbacksFirstPauseAnUnarmedOneAtOnce() {
        assertThat(PollDecision.firstDelay(PollingPolicy.CALLBACK_FALLBACK, ARMED))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(PollDecision.firstDelay(PollingPolicy.CALLBACK_FALLBACK, FOLLOW))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void anArmedWaitPollsOnTheFallbackSchedule() {
        assertThat(armedDelay(ARMED, 60_000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(armedDelay(ARMED, 120_000)).isEqualTo(Duration.ofMinutes(2));
        assertThat(armedDelay(ARMED, 240_000)).isEqualTo(Duration.ofMinutes(4));
        assertThat(armedDelay(ARMED, 1_200_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void afterAWakeItPollsAsIfTheRunHadJustStartedFor15SecondsThenFallsBack() {
        FollowState woken = ARMED.woken(100_000);
        assertThat(armedDelay(woken, 100_000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(armedDelay(woken, 104_000)).isEqualTo(Duration.ofSeconds(4));
        assertThat(armedDelay(woken, 114_999)).isEqualTo(Duration.ofMillis(14_999));
        assertThat(armedDelay(woken, 115_000)).isEqualTo(Duration.ofSeconds(115));
    }

    @Test
    void theFastPollsAfterAWakeAreNeverSlowerThanTheFallback() {
        PollingPolicy quickFallback = new PollingPolicy(Duration.ofMillis(100), 1.0, Duration.ofMillis(100));
        PollDecision d = PollDecision.decide(
                POLICY, quickFallback, PausedHandling.WAIT, ARMED.woken(5_000), ExecutionState.of("Running"), 5_000);
        assertThat(d).isEqualTo(new PollDecision.PollAgain(Duration.ofMillis(100)));
    }

    @Test
    void anArmedWaitsLastPollFallsOnTheDeadline() {
        FollowState armed = FollowState.started("ws", "wf", "ex", 0, Duration.ofSeconds(90), true);
        assertThat(armedDelay(armed, 60_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(PollDecision.decide(
                        POLICY,
                        PollingPolicy.CALLBACK_FALLBACK,
                        PausedHandling.WAIT,
                        armed,
                        ExecutionState.of("Running"),
                        90_000))
                .isEqualTo(new PollDecision.TimedOut());
    }

    /** What a forged knock (or a leaked token) costs while the run goes on: the fast polls of one window. */
    @Test
    void aWakeWhileTheRunGoesOnCostsTheReadsOfOneFastWindow() {
        long wake = 100_000;
        FollowState woken = ARMED.woken(wake);
        List<Long> reads = new ArrayList<>();
        long now = wake;
        Duration next;
        do {
            reads.add(now - wake);
            next = armedDelay(woken, now);
            now += next.toMillis();
        } while (next.compareTo(POLICY.maxInterval()) <= 0);
        // the last read the window schedules falls just past it; after it the fallback's pause
        assertThat(reads).containsExactly(0L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L);
        assertThat(next).isEqualTo(PollingPolicy.CALLBACK_FALLBACK.nextDelay(Duration.ofMillis(wake + 16_000)));
    }
}
