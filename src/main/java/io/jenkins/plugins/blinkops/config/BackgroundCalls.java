package io.jenkins.plugins.blinkops.config;

import hudson.ExtensionList;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.ContextResettingExecutorService;
import jenkins.util.Timer;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Where Pipeline steps make their calls to Blink. Jenkins' {@link Timer} only keeps time for them:
 * its few threads are shared by all of Jenkins and must never wait on the network. Every call made
 * here is short (a start, a poll, a cancel): no wait of any mode holds one of these threads.
 *
 * <p>Each connection has its own share of threads ({@link ConnectionLanes}): as many as it may
 * have requests in flight, {@link #MAX_THREADS_PER_CONNECTION} at most. A connection whose Blink
 * hangs makes only its own calls queue; another connection's go on. The threads are made as the
 * shares need them, so there are never more than the shares of the configured connections add up to.
 *
 * <p>The pool lives exactly as long as Jenkins: opened when Jenkins starts, closed for good when it
 * shuts down, so that a poll fired during shutdown cannot bring it back with nobody left to close it.
 */
@Restricted(NoExternalUse.class)
public final class BackgroundCalls {
    private static final Logger LOGGER = Logger.getLogger(BackgroundCalls.class.getName());

    /**
     * At most this many calls at once for one connection; fewer when its limit on requests in
     * flight is lower, since more threads would only wait for that limit. The rest queue.
     */
    static final int MAX_THREADS_PER_CONNECTION = 16;

    /** The lane of steps that name no configured connection: they fail at once, one at a time. */
    private static final String UNKNOWN_CONNECTION = "";

    public static final String THREAD_NAME = "Blink call";

    /** {@code null} while Jenkins is not running. */
    private static ExecutorService executor;

    /** The threads behind {@link #executor}, to say how many are busy. */
    private static ThreadPoolExecutor pool;

    /** The connections' shares of {@link #executor}. */
    private static ConnectionLanes lanes;

    private BackgroundCalls() {}

    /** Each start of Jenkins gets a pool of its own (tests start several in one JVM). */
    static synchronized void open() {
        shutdown();
        // a thread for each call the lanes let through (they bound how many), none kept while idle
        pool = new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                new NamingThreadFactory(new DaemonThreadFactory(), THREAD_NAME));
        executor = new ContextResettingExecutorService(pool);
        lanes = new ConnectionLanes(executor);
    }

    /**
     * Runs {@code call} in the background, in the share of the connection a step names.
     *
     * @param connectionName as the step gives it: blank for the first connection
     * @return {@code false} when Jenkins is shutting down: the call is dropped, and a wait it
     *     belonged to resumes from its saved state after the restart
     */
    public static boolean submit(String connectionName, Runnable call) {
        Optional<BlinkConnection> connection = configured(connectionName);
        String lane = connection.map(BlinkConnection::getName).orElse(UNKNOWN_CONNECTION);
        int share = connection
                .map(c -> Math.min(c.getMaxConcurrentRequests(), MAX_THREADS_PER_CONNECTION))
                .orElse(1);
        return submit(lane, share, call);
    }

    private static Optional<BlinkConnection> configured(String connectionName) {
        return ExtensionList.lookup(BlinkGlobalConfiguration.class).stream()
                .findFirst()
                .flatMap(config -> config.connection(connectionName));
    }

    private static synchronized boolean submit(String lane, int share, Runnable call) {
        if (executor == null) {
            LOGGER.fine("Jenkins is not running; a Blink call was dropped and resumes after the restart");
            return false;
        }
        try {
            lanes.submit(lane, share, call);
            return true;
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is shutting down; the call resumes after the restart", e);
            return false;
        }
    }

    /**
     * Runs {@code quick} on Jenkins' timer after {@code delayMillis}: only for work that never waits.
     *
     * @return the timer's task, to cancel it; {@code null} when Jenkins is shutting down
     */
    public static Future<?> onTimer(Runnable quick, long delayMillis) {
        try {
            return Timer.get().schedule(quick, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is shutting down; the wait resumes after the restart", e);
            return null;
        }
    }

    /** Threads running a call now: no wait of any mode keeps one busy. */
    public static synchronized int busyThreads() {
        return pool == null ? 0 : pool.getActiveCount();
    }

    static synchronized void shutdown() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            pool = null;
            lanes = null;
        }
    }
}
