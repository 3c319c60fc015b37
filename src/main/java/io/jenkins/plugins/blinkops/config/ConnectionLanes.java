package io.jenkins.plugins.blinkops.config;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Each connection's own share of the threads that call Blink: a connection runs at most its cap of
 * calls at once, and the rest wait in its own queue, each handed the thread of the call before it
 * in the order they came. A connection whose Blink hangs fills only its own share, so the calls of
 * another connection never wait behind it.
 */
@Restricted(NoExternalUse.class)
final class ConnectionLanes {
    private final Executor threads;

    /** Guarded by this; a lane is dropped once idle, so there are never more lanes than calls. */
    private final Map<String, Lane> lanes = new HashMap<>();

    /** @param threads runs each call it is given at once, on a thread of its own */
    ConnectionLanes(Executor threads) {
        this.threads = threads;
    }

    private static final class Lane {
        final int cap;
        final Queue<Runnable> waiting = new ArrayDeque<>();
        int running;

        Lane(int cap) {
            this.cap = cap;
        }
    }

    /**
     * Runs {@code call} in the lane of {@code connection} now, or when one of its {@code cap} calls
     * in flight has ended.
     *
     * @throws RejectedExecutionException when the threads are shut down
     */
    synchronized void submit(String connection, int cap, Runnable call) {
        Lane lane = lanes.computeIfAbsent(connection, name -> new Lane(Math.max(1, cap)));
        if (lane.running >= lane.cap) {
            lane.waiting.add(call);
            return;
        }
        lane.running++;
        try {
            threads.execute(inLane(connection, lane, call));
        } catch (RejectedExecutionException e) {
            ended(connection, lane);
            throw e;
        }
    }

    /** Calls of {@code connection} running now: at most its cap. */
    synchronized int running(String connection) {
        Lane lane = lanes.get(connection);
        return lane == null ? 0 : lane.running;
    }

    /** Calls of {@code connection} waiting for one of its running calls to end. */
    synchronized int waiting(String connection) {
        Lane lane = lanes.get(connection);
        return lane == null ? 0 : lane.waiting.size();
    }

    private Runnable inLane(String connection, Lane lane, Runnable call) {
        return () -> {
            try {
                call.run();
            } finally {
                handOver(connection, lane);
            }
        };
    }

    /** A call ended: the next waiting call of its lane takes its place. */
    private synchronized void handOver(String connection, Lane lane) {
        Runnable next = lane.waiting.poll();
        if (next == null) {
            ended(connection, lane);
            return;
        }
        try {
            threads.execute(inLane(connection, lane, next));
        } catch (RejectedExecutionException e) {
            // shutting down: what waits resumes from its saved state after the restart
            lane.waiting.clear();
            ended(connection, lane);
        }
    }

    private void ended(String connection, Lane lane) {
        lane.running--;
        if (lane.running == 0 && lane.waiting.isEmpty()) {
            lanes.remove(connection, lane);
        }
    }
}
