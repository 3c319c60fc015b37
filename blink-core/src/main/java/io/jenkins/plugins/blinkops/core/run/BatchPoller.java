package io.jenkins.plugins.blinkops.core.run;

import io.jenkins.plugins.blinkops.core.http.RequestBudget;
import io.jenkins.plugins.blinkops.core.model.ExecutionPage;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves every wait on one workspace, for one caller (connection and key): once per interval
 * ({@link #cycle}) it asks Blink's executions listing for the runs updated since the last look,
 * and wakes only the waits whose run changed, which then poll their run as before (the decision
 * stays {@link WorkflowRunner#poll}'s). Ten thousand waits cost one listing per interval, plus one
 * read per run that changed.
 *
 * <p>Which filters the listing honours is not published, so nothing it answers is trusted: every
 * run listed must have been updated since the time asked for (else the filter is ignored), and a
 * wait whose run was last updated within the window asked for must be listed (else the listing
 * misses runs). Where it fails either check, or cannot be read, the waits it could not vouch for are
 * woken to read their run one by one: the per-run polling this replaces, never silence.
 *
 * <p>The window is on Blink's clock, never this machine's: it starts at the {@code updated_at}
 * the waits last saw, and afterwards at the newest {@code updated_at} listed, less {@link #OVERLAP}
 * for updates Blink records late. A run listed twice is compared with what its wait saw and woken
 * only once. So a cycle lists again the runs updated within {@link #OVERLAP} before the newest
 * update (a page per thousand of them), until a newer update moves the window on.
 */
public final class BatchPoller {
    private static final Logger LOGGER = Logger.getLogger(BatchPoller.class.getName());

    /** Runs asked for per page: the listing's largest page. */
    static final int PAGE_SIZE = 1000;
    /**
     * Pages read at most in one cycle: 20,000 runs updated within one window. Past them the waits
     * not listed are read one by one, since what changed among them cannot be told.
     */
    static final int MAX_PAGES = 20;
    /** How far back from the newest update seen the next window starts. */
    static final Duration OVERLAP = Duration.ofSeconds(30);
    /** Waits served at most: the rest poll their run themselves. */
    public static final int MAX_WAITS = 100_000;

    /** One page of the workspace's runs for an RQL query. */
    @FunctionalInterface
    public interface Listing {
        ExecutionPage page(String rqlQuery) throws BlinkApiException, InterruptedException;
    }

    /** Why a cycle woke waits it had seen no change for. */
    public enum Fallback {
        /** Nothing: every wait woken had changed. */
        NONE,
        /** A wait knew no {@code updated_at} of its run, so the listing could not vouch for it. */
        UNWATCHABLE,
        /** The listing could not be read. */
        LISTING_FAILED,
        /** The listing showed a run updated before the window asked for: it ignores the filter. */
        FILTER_IGNORED,
        /** A run updated within the window was not listed. */
        MISSING_RUNS,
        /** More runs were updated within the window than {@link #MAX_PAGES} pages hold. */
        TOO_MANY
    }

    /**
     * What one cycle did.
     *
     * @param requests listing pages asked for
     * @param woken    waits woken, each to read its run
     * @param fellBack of those, the waits woken without a change seen
     */
    public record Cycle(int requests, int woken, int fellBack, Fallback fallback) {
        static final Cycle IDLE = new Cycle(0, 0, 0, Fallback.NONE);
    }

    /** A wait's place in the poller; closing it (the step ended) takes it out. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** One waiting step; identity equality, as two steps may wait on the same run. */
    private static final class Wait {
        final String executionId;
        final String lastState;
        final Long updatedAt;
        final Runnable wake;
        /** Listed since registered: from then on its absence means "unchanged". Guarded by the cycle. */
        boolean confirmed;

        Wait(String executionId, String lastState, Long updatedAt, Runnable wake) {
            this.executionId = executionId;
            this.lastState = lastState;
            this.updatedAt = updatedAt;
            this.wake = wake;
        }

        boolean changedIn(ExecutionPage.Listed run) {
            return !Objects.equals(run.state(), lastState) || (updatedAt != null && run.updatedAt() > updatedAt);
        }
    }

    private final Listing listing;
    private final RequestBudget budget;
    private final Set<Wait> waits = ConcurrentHashMap.newKeySet();
    /** Where the next window starts, on Blink's clock; {@code null} before the first listing. Guarded by this. */
    private Long watermark;

    /**
     * @param budget the connection's: each page after the first takes a slot in it, so that the
     *     polls after it wait the longer (the first one's slot the caller reserves before calling
     *     {@link #cycle}); the pages of one cycle go at once, at most {@link #MAX_PAGES}
     */
    public BatchPoller(Listing listing, RequestBudget budget) {
        this.listing = listing;
        this.budget = budget;
    }

    /**
     * Lets the next cycles wake {@code wake} when the run changes from what the wait last saw.
     *
     * @param lastState the state the wait last read
     * @param updatedAt the {@code updated_at} it last read, {@code null} when Blink gave none (the
     *     wait is then woken at every cycle, to read its run itself)
     * @return its registration, or {@code null} when {@link #MAX_WAITS} are served already
     */
    public Registration register(String executionId, String lastState, Long updatedAt, Runnable wake) {
        if (waits.size() >= MAX_WAITS) {
            return null;
        }
        Wait wait = new Wait(
                Objects.requireNonNull(executionId, "executionId"), lastState, updatedAt, Objects.requireNonNull(wake));
        waits.add(wait);
        return () -> waits.remove(wait);
    }

    /** Waits registered and not woken yet. */
    public int waiting() {
        return waits.size();
    }

    /**
     * Lists what changed, and wakes the waits it concerns (each woken once, and out of the poller
     * until it registers again). Blocks for the listing's calls; one cycle at a time.
     */
    public synchronized Cycle cycle() throws InterruptedException {
        List<Wait> all = new ArrayList<>(waits);
        if (all.isEmpty()) {
            return Cycle.IDLE;
        }
        Wakes wakes = new Wakes();
        Map<String, List<Wait>> byRun = new HashMap<>();
        Long since = watermark;
        for (Wait w : all) {
            if (w.updatedAt == null) {
                wakes.fallBack(w, Fallback.UNWATCHABLE);
                continue;
            }
            byRun.computeIfAbsent(w.executionId, id -> new ArrayList<>()).add(w);
            if (!w.confirmed && (since == null || w.updatedAt < since)) {
                since = w.updatedAt;
            }
        }
        if (byRun.isEmpty()) {
            return wakes.done(0);
        }
        Read read = read(since, byRun, wakes);
        if (read.fallback != Fallback.NONE) {
            byRun.values().stream().flatMap(List::stream).forEach(w -> wakes.fallBack(w, read.fallback));
            return wakes.done(read.requests);
        }
        for (List<Wait> runWaits : byRun.values()) {
            for (Wait w : runWaits) {
                if (read.listed.contains(w)) {
                    w.confirmed = true;
                } else if (read.truncated) {
                    wakes.fallBack(w, Fallback.TOO_MANY);
                } else if (!w.confirmed) {
                    // updated within the window read, yet not listed: the listing misses runs
                    wakes.fallBack(w, Fallback.MISSING_RUNS);
                }
            }
        }
        if (read.newest != null) {
            watermark = Math.max(since, read.newest - OVERLAP.toMillis());
        } else if (watermark == null) {
            watermark = since;
        }
        return wakes.done(read.requests);
    }

    /** What the pages showed. */
    private static final class Read {
        int requests;
        Fallback fallback = Fallback.NONE;
        /** The waits whose run was listed (woken or not). */
        final Set<Wait> listed = new HashSet<>();

        Long newest;
        /** Whether the window held more runs than {@link #MAX_PAGES} pages. */
        boolean truncated;
    }

    private Read read(long since, Map<String, List<Wait>> byRun, Wakes wakes) throws InterruptedException {
        Read read = new Read();
        int offset = 0;
        for (int page = 0; ; page++) {
            if (page == MAX_PAGES) {
                read.truncated = true;
                return read;
            }
            if (page > 0) {
                // counted against the connection's ceiling, not waited for: a cycle is read whole
                budget.reserve();
            }
            ExecutionPage listed;
            try {
                read.requests++;
                listed = listing.page(query(since, offset));
            } catch (BlinkApiException e) {
                LOGGER.log(Level.FINE, "Could not list the runs that changed; each wait reads its own", e);
                read.fallback = Fallback.LISTING_FAILED;
                return read;
            }
            for (ExecutionPage.Listed run : listed.results()) {
                if (run.updatedAt() == null || run.updatedAt() < since) {
                    read.fallback = Fallback.FILTER_IGNORED;
                    return read;
                }
                read.newest = read.newest == null ? run.updatedAt() : Math.max(read.newest, run.updatedAt());
                for (Wait w : byRun.getOrDefault(run.id(), List.of())) {
                    read.listed.add(w);
                    if (w.changedIn(run)) {
                        wakes.changed(w);
                    }
                }
            }
            offset += listed.results().size();
            boolean last = listed.results().size() < PAGE_SIZE || (listed.total() >= 0 && offset >= listed.total());
            if (last) {
                return read;
            }
        }
    }

    /** The waits a cycle wakes, each once, and why. */
    private final class Wakes {
        int woken;
        int fellBack;
        Fallback fallback = Fallback.NONE;

        void changed(Wait w) {
            wake(w);
        }

        void fallBack(Wait w, Fallback why) {
            if (wake(w)) {
                fellBack++;
                fallback = why;
            }
        }

        /** Takes it out of the poller first: a wait is woken once, however often its run is listed. */
        private boolean wake(Wait w) {
            if (!waits.remove(w)) {
                return false;
            }
            woken++;
            try {
                w.wake.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Waking a wait for execution " + w.executionId + " failed", e);
            }
            return true;
        }

        Cycle done(int requests) {
            return new Cycle(requests, woken, fellBack, fallback);
        }
    }

    /** RQL: the runs updated since {@code since} (Blink's clock), oldest update first. */
    static String query(long since, int offset) {
        return "{\"offset\":" + offset + ",\"limit\":" + PAGE_SIZE + ",\"filter\":{\"updated_at\":{\"$gte\":" + since
                + "}},\"sort\":[\"+updated_at\"]}";
    }
}
