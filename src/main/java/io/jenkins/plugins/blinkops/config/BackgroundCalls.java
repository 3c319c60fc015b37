package io.jenkins.plugins.blinkops.config;

import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>The pool lives exactly as long as Jenkins: opened when Jenkins starts, closed for good when it
 * shuts down, so that a poll fired during shutdown cannot bring it back with nobody left to close it.
 */
@Restricted(NoExternalUse.class)
public final class BackgroundCalls {
    private static final Logger LOGGER = Logger.getLogger(BackgroundCalls.class.getName());

    /**
     * At most this many calls at once, for all Pipeline steps together. The rest queue: each
     * connection's own limit on requests in flight would make more threads only wait anyway.
     */
    private static final int MAX_THREADS = 16;

    public static final String THREAD_NAME = "Blink call";

    /** {@code null} while Jenkins is not running. */
    private static ExecutorService executor;

    /** The threads behind {@link #executor}, to say how many are busy. */
    private static ThreadPoolExecutor pool;

    private BackgroundCalls() {}

    /** Each start of Jenkins gets a pool of its own (tests start several in one JVM). */
    static synchronized void open() {
        shutdown();
        pool = new ThreadPoolExecutor(
                MAX_THREADS,
                MAX_THREADS,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new NamingThreadFactory(new DaemonThreadFactory(), THREAD_NAME));
        // no thread is kept while no Pipeline waits for Blink
        pool.allowCoreThreadTimeOut(true);
        executor = new ContextResettingExecutorService(pool);
    }

    /**
     * Runs {@code call} in the background.
     *
     * @return {@code false} when Jenkins is shutting down: the call is dropped, and a wait it
     *     belonged to resumes from its saved state after the restart
     */
    public static synchronized boolean submit(Runnable call) {
        if (executor == null) {
            LOGGER.fine("Jenkins is not running; a Blink call was dropped and resumes after the restart");
            return false;
        }
        try {
            executor.submit(call);
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
        }
    }
}
