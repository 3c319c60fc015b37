package io.jenkins.plugins.blinkops.core;

import java.time.Duration;

/**
 * What to do after a poll. A pure function of the state seen and the time: the same answer from a
 * blocking loop, from a scheduler, and after a restart.
 */
public sealed interface PollDecision {

    /** The execution reached a final state. */
    record Finished(ExecutionState state) implements PollDecision {}

    /** Poll again after {@code delay}. */
    record PollAgain(Duration delay) implements PollDecision {}

    /** The wait's timeout has passed and the execution has not ended. */
    record TimedOut() implements PollDecision {}

    /**
     * @param seen what this poll found, or {@code null} when it got no usable answer
     */
    static PollDecision decide(PollingPolicy policy, FollowState follow, ExecutionState seen, long nowMillis) {
        if (seen != null && seen.isTerminal()) {
            return new Finished(seen);
        }
        long left = follow.deadlineMillis() - nowMillis;
        if (left <= 0) {
            return new TimedOut();
        }
        Duration delay = policy.nextDelay(follow.elapsed(nowMillis));
        // the last poll falls on the deadline itself, so a run ending just in time is still seen
        return new PollAgain(delay.toMillis() > left ? Duration.ofMillis(left) : delay);
    }
}
