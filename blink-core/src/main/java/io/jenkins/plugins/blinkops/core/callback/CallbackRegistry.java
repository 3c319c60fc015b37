package io.jenkins.plugins.blinkops.core.callback;

import io.jenkins.plugins.blinkops.core.run.PollDecision;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The waits that Blink may wake with a callback, found by the hash of their token. Knocking is all
 * a caller can do, and all it does is make a wait poll Blink at once: nothing the caller sends is
 * read, so a forged or replayed callback costs reads of the execution, no more: the one at once and
 * those of the fast polling that follows a wake for a while (six in all; see {@link PollDecision}).
 *
 * <p>An unknown token costs the same as a known one up to the answer (one SHA-256, one lookup by
 * the hash), and the lookup cannot leak how close a guess was: it compares hashes, not tokens.
 * Knocks per token are limited ({@link #BURST}, then one per {@link #REFILL_MILLIS}), so that a
 * leaked token can only keep its wait on that fast polling: about 25 reads a minute, while it is
 * abused.
 */
public final class CallbackRegistry {
    /** Knocks a token may make at once. Blink calls once per run; a retry or two must still wake. */
    static final int BURST = 5;
    /** After the burst, one more knock per this many milliseconds. */
    static final long REFILL_MILLIS = 12_000;
    /** How long a token whose knocks are used up waits at most for its next: for a {@code Retry-After}. */
    public static final Duration KNOCK_AGAIN_AFTER = Duration.ofMillis(REFILL_MILLIS);

    /** What a knock did. */
    public enum Knock {
        /** A wait had that token: it polls Blink now. */
        WOKE,
        /** No wait has that token (any more): answered like any other unknown path. */
        UNKNOWN,
        /** The token's knocks are used up for now: nobody was woken. */
        TOO_MANY
    }

    /** Ends a wait's registration: its token is unknown from then on. Closing twice does nothing. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Door> doors = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public CallbackRegistry() {
        // monotonic: a step of the wall clock neither opens nor shuts a door
        this(() -> System.nanoTime() / 1_000_000);
    }

    /** @param clock milliseconds; a test moves it by hand */
    public CallbackRegistry(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Lets a knock with the token of {@code tokenHash} run {@code wake}, on the knocking thread:
     * it must only schedule work, never do it.
     */
    public Registration register(String tokenHash, Runnable wake) {
        Door door = new Door(wake, clock.getAsLong());
        doors.put(tokenHash, door);
        return () -> doors.remove(tokenHash, door);
    }

    /** A request came in with {@code presentedToken}: wake its wait, if any and if its knocks allow. */
    public Knock knock(String presentedToken) {
        // a token of the wrong length is no token of ours; hashing it anyway keeps every unknown
        // knock the same cost, and a caller can learn nothing from the time the answer takes
        boolean plausible = presentedToken != null && presentedToken.length() == CallbackToken.LENGTH;
        String hash = CallbackToken.hashOf(plausible ? presentedToken : "");
        Door door = plausible ? doors.get(hash) : null;
        if (door == null) {
            return Knock.UNKNOWN;
        }
        if (!door.admit(clock.getAsLong())) {
            return Knock.TOO_MANY;
        }
        door.wake.run();
        return Knock.WOKE;
    }

    /** Waits that may be woken now. */
    public int size() {
        return doors.size();
    }

    /** One wait's wake-up and what is left of its knocks (a token bucket). */
    private static final class Door {
        private final Runnable wake;
        private double knocksLeft = BURST;
        private long refilledAt;

        Door(Runnable wake, long now) {
            this.wake = wake;
            this.refilledAt = now;
        }

        synchronized boolean admit(long now) {
            knocksLeft = Math.min(BURST, knocksLeft + (double) Math.max(0, now - refilledAt) / REFILL_MILLIS);
            refilledAt = now;
            if (knocksLeft < 1) {
                return false;
            }
            knocksLeft--;
            return true;
        }
    }
}
