package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.http.Cancellation;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows, by polling, a synchronous run whose answer was lost and that was then found in Blink:
 * the answer Blink would have given is gone, so the run is read until it ends, as a followed run
 * is. Each poll is one short call on a pool thread; between polls a timer waits, not a thread.
 * Cancelling the future (or the client's cancellation) stops it and cancels the run as an abort does.
 */
final class AdoptedRunFollower {
    /** The rare recovery after a lost answer: threads that come and go, named for a thread dump. */
    private static final ExecutorService POLLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blink-adopted-run-" + Counter.NEXT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private static final class Counter {
        static final AtomicInteger NEXT = new AtomicInteger();
    }

    /** Work that may block on short calls to Blink, and answers a future. */
    interface Resolution<T> {
        CompletableFuture<T> run() throws BlinkApiException, InterruptedException;
    }

    private final WorkflowRunner runner;
    private final Cancellation cancellation;

    AdoptedRunFollower(WorkflowRunner runner, Cancellation cancellation) {
        this.runner = runner;
        this.cancellation = cancellation;
    }

    /** Runs {@code resolution} on a pool thread: the caller (an HTTP I/O thread) must not block. */
    static <T> CompletableFuture<T> resolving(Resolution<T> resolution) {
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return resolution.run();
                            } catch (BlinkApiException e) {
                                throw new CompletionException(e);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new CompletionException(e);
                            }
                        },
                        POLLS)
                .thenCompose(f -> f);
    }

    CompletableFuture<ExecutionOutcome> follow(FollowState started) {
        CompletableFuture<ExecutionOutcome> result = new CompletableFuture<>();
        Cancellation.Registration onCancel = cancellation.whileRunning(() -> result.cancel(true));
        result.whenComplete((outcome, error) -> onCancel.close());
        pollLater(started, runner.firstPollDelay(started).toMillis(), result);
        return result;
    }

    private void pollLater(FollowState follow, long delayMillis, CompletableFuture<ExecutionOutcome> result) {
        Executor later = CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, POLLS);
        later.execute(() -> pollOnce(follow, result));
    }

    private void pollOnce(FollowState follow, CompletableFuture<ExecutionOutcome> result) {
        if (result.isDone()) {
            if (result.isCancelled()) {
                runner.abort(follow);
            }
            return;
        }
        try {
            WorkflowRunner.PollResult polled = runner.poll(follow);
            if (polled instanceof WorkflowRunner.PollResult.Done done) {
                result.complete(done.outcome());
            } else {
                WorkflowRunner.PollResult.Waiting waiting = (WorkflowRunner.PollResult.Waiting) polled;
                pollLater(waiting.next(), waiting.delay().toMillis(), result);
            }
        } catch (BlinkApiException e) {
            result.completeExceptionally(e);
        } catch (InterruptedException e) {
            runner.abort(follow);
            result.cancel(true);
        }
    }
}
