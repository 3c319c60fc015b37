package io.jenkins.plugins.blinkops;

import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.ContextResettingExecutorService;
import jenkins.util.Timer;

/**
 * Where Pipeline steps make their calls to Blink. Jenkins' {@link Timer} only keeps time for them:
 * its few threads are shared by all of Jenkins and must never wait on the network.
 */
final class BackgroundCalls {
    private static final Logger LOGGER = Logger.getLogger(BackgroundCalls.class.getName());

    /**
     * At most this many calls at once, for all Pipeline steps together. Most calls are short polls;
     * a synchronous run only starts here (the engine's asynchronous call then waits without a
     * thread). The rest queue: each connection's own limit on requests in flight would make more
     * threads only wait anyway.
     */
    private static final int MAX_THREADS = 16;

    /** Created on first use, so that a Jenkins started again in the same JVM (tests) gets a fresh one. */
    private static ExecutorService executor;

    private BackgroundCalls() {}

    static synchronized void submit(Runnable call) {
        if (executor == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    MAX_THREADS,
                    MAX_THREADS,
                    60,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    new NamingThreadFactory(new DaemonThreadFactory(), "Blink call"));
            // no thread is kept while no Pipeline waits for Blink
            pool.allowCoreThreadTimeOut(true);
            executor = new ContextResettingExecutorService(pool);
        }
        try {
            executor.submit(call);
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is shutting down; the call resumes after the restart", e);
        }
    }

    /** Runs {@code call} in the background after {@code delayMillis}, holding no thread until then. */
    static void schedule(Runnable call, long delayMillis) {
        try {
            Timer.get().schedule(() -> submit(call), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "Jenkins is shutting down; the wait resumes after the restart", e);
        }
    }

    static synchronized void shutdown() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
