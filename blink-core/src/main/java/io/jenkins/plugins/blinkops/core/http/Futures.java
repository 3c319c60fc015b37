package io.jenkins.plugins.blinkops.core.http;

import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting on the engine's futures in a blocking caller, and passing a cancel down a chain of them. */
public final class Futures {
    private Futures() {}

    /**
     * Waits for {@code future} as the blocking methods always did: its {@link BlinkApiException}
     * is thrown as such, and an interrupt (or a cancelled future) is an {@link InterruptedException},
     * after cancelling the future so that its exchange is aborted at once.
     */
    public static <T> T await(CompletableFuture<T> future) throws BlinkApiException, InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (CancellationException e) {
            throw cancelled(e);
        } catch (ExecutionException e) {
            Throwable cause = cause(e);
            if (cause instanceof BlinkApiException blink) {
                throw blink;
            }
            if (cause instanceof CancellationException cancelled) {
                throw cancelled(cancelled);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The failure a stage of a chain saw, without the wrappers the chain added. */
    public static Throwable cause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** {@code derived}, such that cancelling it cancels {@code source} (a chain does not do that by itself). */
    public static <T> CompletableFuture<T> cancelling(CompletableFuture<?> source, CompletableFuture<T> derived) {
        derived.whenComplete((value, error) -> {
            if (derived.isCancelled()) {
                source.cancel(true);
            }
        });
        return derived;
    }

    private static InterruptedException cancelled(CancellationException e) {
        InterruptedException interrupted = new InterruptedException("cancelled");
        interrupted.initCause(e);
        return interrupted;
    }
}
