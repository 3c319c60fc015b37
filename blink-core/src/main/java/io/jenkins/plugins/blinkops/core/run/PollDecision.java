package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import java.time.Duration;

/**
 * What to do after a poll. A pure function of the state seen and the time: the same answer from a
 * blocking loop, from a scheduler, and after a restart.
 */
public sealed interface PollDecision {

    /** The execution reached a final state, or a pause the wait is not to wait through. */
    record Finished(ExecutionState state) implements PollDecision {}

    /** Poll again after {@code delay}. */
    record PollAgain(Duration delay) implements PollDecision {}

    /** The wait's timeout has passed and the execution has not ended. */
    record TimedOut() implements PollDecision {}

    /**
     * @param polling         how often to poll a wait that only polls
     * @param callbackPolling how often to poll a wait that Blink is to wake with its callback
     * @param onPaused        whether a run paused for a person ends the wait; with {@link
     *     PausedHandling#WAIT} it is polled on like a running one, until the timeout
     * @param seen            what this poll found, or {@code null} when it got no usable answer
     */
    static PollDecision decide(
            PollingPolicy polling,
            PollingPolicy callbackPolling,
            PausedHandling onPaused,
            FollowState follow,
            ExecutionState seen,
            long nowMillis) {
        if (seen != null && seen.isPaused()) {
            if (onPaused != PausedHandling.WAIT) {
                return new Finished(seen);
            }
        } else if (seen != null && seen.isTerminal()) {
            return new Finished(seen);
        }
        long left = follow.deadlineMillis() - nowMillis;
        if (left <= 0) {
            return new TimedOut();
        }
        Duration delay = nextDelay(polling, callbackPolling, follow, nowMillis);
        // the last poll falls on the deadline itself, so a run ending just in time is still seen
        return new PollAgain(delay.toMillis() > left ? Duration.ofMillis(left) : delay);
    }

    /**
     * A wait that only polls follows {@code polling} from the start of the run. One that Blink is to
     * wake follows the slower {@code callbackPolling}; but for a short while after a callback it
     * polls as if the run had just started: Blink may call a moment before its record of the run
     * shows the end, and that end is then still seen within a second or two.
     */
    private static Duration nextDelay(
            PollingPolicy polling, PollingPolicy callbackPolling, FollowState follow, long nowMillis) {
        if (!follow.callbackArmed()) {
            return polling.nextDelay(follow.elapsed(nowMillis));
        }
        Duration fallback = callbackPolling.nextDelay(follow.elapsed(nowMillis));
        if (follow.wokenAtMillis() == 0) {
            return fallback;
        }
        Duration sinceWake = Duration.ofMillis(Math.max(0, nowMillis - follow.wokenAtMillis()));
        if (sinceWake.compareTo(polling.maxInterval()) >= 0) {
            return fallback;
        }
        Duration soon = polling.nextDelay(sinceWake);
        return soon.compareTo(fallback) < 0 ? soon : fallback;
    }

    /** Before the first poll: none for a wait that only polls; the fallback's first pause for one Blink wakes. */
    static Duration firstDelay(PollingPolicy callbackPolling, FollowState follow) {
        return follow.callbackArmed() ? callbackPolling.initialInterval() : Duration.ZERO;
    }
}
