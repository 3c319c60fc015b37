package io.jenkins.plugins.blinkops.steps;

import io.jenkins.plugins.blinkops.config.BackgroundCalls;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.http.RequestBudget;
import io.jenkins.plugins.blinkops.core.run.BatchPoller;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Drives one {@link BatchPoller} per caller (connection and key) and workspace for the waiting
 * Pipeline steps: a cycle every {@link #INTERVAL_MILLIS} on {@link BackgroundCalls}, its listing
 * within the connection's {@link RequestBudget}, and none while no step waits. What it knows is
 * only in memory: a step registers again after each of its own polls, so after a restart too.
 */
@Restricted(NoExternalUse.class)
final class BatchPolling {
    private static final Logger LOGGER = Logger.getLogger(BatchPolling.class.getName());

    /** How often Blink is asked what changed: a run's end is noticed within it. */
    static final long INTERVAL_MILLIS = Long.getLong(BatchPolling.class.getName() + ".intervalMillis", 5_000);

    /** A poller that has not cycled for this many intervals lost its timer (Jenkins restarted): it is started again. */
    private static final int STALE_INTERVALS = 3;

    private record Key(BlinkClient.Caller caller, String workspaceId) {}

    /** Guarded by the class. */
    private static final Map<Key, Poller> POLLERS = new HashMap<>();

    /**
     * The Jenkins the pollers run in, guarded by the class: a Jenkins that stopped dropped their
     * timers, so a new one (a restart in the same JVM, as tests do) starts with none.
     */
    private static Jenkins owner;

    private BatchPolling() {}

    /**
     * Lets the poller of {@code client}'s caller and the workspace wake {@code wake} when the run
     * changes from what the step's last poll read.
     *
     * @param connectionName as the step names its connection: the poller's listings run in that
     *     connection's share of the call threads
     * @return the registration, or {@code null} when it is not served: the step polls on its own
     */
    static synchronized BatchPoller.Registration register(
            String connectionName,
            BlinkClient client,
            String workspaceId,
            String executionId,
            String lastState,
            Long updatedAt,
            Runnable wake) {
        Jenkins current = Jenkins.getInstanceOrNull();
        if (current != owner) {
            POLLERS.clear();
            owner = current;
        }
        Key key = new Key(client.caller(), workspaceId);
        Poller poller = POLLERS.computeIfAbsent(key, k -> new Poller(k, connectionName, client.detached()));
        BatchPoller.Registration registration = poller.batch.register(executionId, lastState, updatedAt, wake);
        if (registration != null) {
            poller.keepGoing();
        }
        return registration;
    }

    /** Steps served now, over all pollers: for a benchmark's figures. */
    static synchronized int waiting() {
        return POLLERS.values().stream().mapToInt(p -> p.batch.waiting()).sum();
    }

    private static final class Poller {
        private final Key key;
        private final String connectionName;
        private final BatchPoller batch;
        private final RequestBudget budget;
        // Whether a cycle is due or running, when one last ran (nanoTime), and which chain of timers
        // is the live one: a chain started again over a stale one ends the old. Guarded by the class.
        private boolean scheduled;
        private long lastCycle = System.nanoTime();
        private int chain;

        Poller(Key key, String connectionName, BlinkClient client) {
            this.key = key;
            this.connectionName = connectionName;
            this.budget = client.budget();
            this.batch = new BatchPoller(rql -> client.listExecutions(key.workspaceId(), rql), budget);
        }

        /** Called with the class locked. */
        void keepGoing() {
            long stale = Duration.ofMillis(INTERVAL_MILLIS * STALE_INTERVALS).toNanos();
            if (scheduled && System.nanoTime() - lastCycle < stale) {
                return;
            }
            scheduled = true;
            lastCycle = System.nanoTime();
            int live = ++chain;
            schedule(() -> due(live), INTERVAL_MILLIS);
        }

        /** On Jenkins' timer: quick. The listing waits its slot in the connection's budget, on the timer too. */
        private void due(int live) {
            Duration wait = budget.reserve();
            if (wait.isZero()) {
                run(live);
            } else {
                schedule(() -> run(live), wait.toMillis());
            }
        }

        private void run(int live) {
            if (!BackgroundCalls.submit(connectionName, () -> cycle(live))) {
                stopped();
            }
        }

        private void cycle(int live) {
            synchronized (BatchPolling.class) {
                // a chain started again over this one, or a Jenkins that stopped, ends it
                if (live != chain || POLLERS.get(key) != this) {
                    return;
                }
            }
            try {
                BatchPoller.Cycle cycle = batch.cycle();
                if (cycle.fallback() != BatchPoller.Fallback.NONE) {
                    LOGGER.log(Level.FINE, "Batched poll of workspace {0} fell back for {1} steps: {2}", new Object[] {
                        key.workspaceId(), cycle.fellBack(), cycle.fallback()
                    });
                }
            } catch (InterruptedException e) {
                LOGGER.log(Level.FINE, "Batched poll interrupted; the steps poll again after a restart", e);
                stopped();
                return;
            } catch (RuntimeException e) {
                // a bug must not silence the waits: they are woken by the next cycle's fallback or their own timer
                LOGGER.log(Level.WARNING, "Batched poll failed", e);
            }
            synchronized (BatchPolling.class) {
                lastCycle = System.nanoTime();
                if (batch.waiting() == 0) {
                    scheduled = false;
                    POLLERS.remove(key, this);
                    return;
                }
            }
            schedule(() -> due(live), INTERVAL_MILLIS);
        }

        private void schedule(Runnable task, long delayMillis) {
            Future<?> timer = BackgroundCalls.onTimer(task, delayMillis);
            if (timer == null) {
                stopped();
            }
        }

        /** Jenkins shuts down: the next registration starts it again. */
        private void stopped() {
            synchronized (BatchPolling.class) {
                scheduled = false;
            }
        }
    }
}
