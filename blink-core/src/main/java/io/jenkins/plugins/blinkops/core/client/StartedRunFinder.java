package io.jenkins.plugins.blinkops.core.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.jenkins.plugins.blinkops.core.model.ExecutionPage;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.SafeId;
import java.time.Duration;

/**
 * Finds the run a start created, after Blink's answer to it was lost, by the {@code
 * event.jenkins.nonce} the start carried. Which fields the listing's filter matches is not
 * published, so it asks for the workflow's runs created since shortly before the start, newest
 * first, and trusts none of that: every run is checked for the workflow and the nonce itself, and
 * a run listed without its {@code event} (the reference's listing shows none) is read one by one.
 * Paging and reading stop at fixed bounds; past them the answer is "cannot tell", never "absent".
 */
final class StartedRunFinder {
    /** Runs asked for per page. */
    static final int PAGE_SIZE = 100;
    /** Pages read at most: a filter Blink ignores lists every run of the workspace. */
    static final int MAX_PAGES = 10;
    /** Runs read one by one at most, for their event. */
    static final int MAX_RECORD_READS = 50;
    /** How far before the start (by this machine's clock) a run counts as recent: room for clock skew. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    /** What the listing showed. */
    sealed interface Lookup {
        /** Blink has the run: follow it. */
        record Found(String executionId) implements Lookup {}

        /** Every recent run of the workflow was checked, and none carries the nonce. */
        record Absent() implements Lookup {}
    }

    interface Pages {
        ExecutionPage page(String rqlQuery) throws BlinkApiException, InterruptedException;

        /** The nonce in the run's record, or {@code null}. */
        String nonceOf(String executionId) throws BlinkApiException, InterruptedException;
    }

    private final Pages pages;

    StartedRunFinder(Pages pages) {
        this.pages = pages;
    }

    /**
     * @param startedAtMillis when the start was sent, epoch milliseconds by this machine's clock
     * @throws BlinkApiException when the listing cannot be read, or the bounds were reached: the run
     *     may exist, and the message names the workflow and the nonce so that a person can look
     */
    Lookup find(String workflowId, String nonce, long startedAtMillis) throws BlinkApiException, InterruptedException {
        long since = startedAtMillis - CLOCK_SKEW.toMillis();
        int reads = 0;
        int seen = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            ExecutionPage listed;
            try {
                listed = pages.page(query(workflowId, since, page * PAGE_SIZE));
            } catch (BlinkApiException e) {
                throw mayExist(workflowId, nonce, "the list of its runs could not be read: " + e.getMessage(), e);
            }
            boolean older = false;
            for (ExecutionPage.Listed run : listed.results()) {
                String id = SafeId.fromBlink(run.id(), "execution id");
                if (run.workflowId() != null && !run.workflowId().equals(workflowId)) {
                    continue;
                }
                if (run.createdAt() != null && run.createdAt() < since) {
                    older = true;
                    continue;
                }
                String found;
                if (run.hasEvent()) {
                    found = run.nonce();
                } else if (++reads > MAX_RECORD_READS) {
                    throw mayExist(workflowId, nonce, "more than " + MAX_RECORD_READS + " recent runs to check", null);
                } else {
                    found = readNonce(workflowId, nonce, id);
                }
                if (nonce.equals(found)) {
                    return new Lookup.Found(id);
                }
            }
            seen += listed.results().size();
            boolean lastPage = listed.results().size() < PAGE_SIZE || (listed.total() >= 0 && seen >= listed.total());
            // newest first, so an older run ends the search, if Blink honoured the sort
            if (lastPage || older) {
                return new Lookup.Absent();
            }
        }
        throw mayExist(workflowId, nonce, "more than " + MAX_PAGES * PAGE_SIZE + " runs listed", null);
    }

    private String readNonce(String workflowId, String nonce, String executionId)
            throws BlinkApiException, InterruptedException {
        try {
            return pages.nonceOf(executionId);
        } catch (BlinkApiException e) {
            throw mayExist(workflowId, nonce, "run " + executionId + " could not be read: " + e.getMessage(), e);
        }
    }

    /** RQL: the workflow's runs created since {@code since}, newest first. */
    static String query(String workflowId, long since, int offset) {
        JsonObject q = new JsonObject();
        q.addProperty("offset", offset);
        q.addProperty("limit", PAGE_SIZE);
        JsonObject filter = new JsonObject();
        JsonObject eq = new JsonObject();
        eq.addProperty("$eq", workflowId);
        filter.add("playbook_id", eq);
        JsonObject gte = new JsonObject();
        gte.addProperty("$gte", since);
        filter.add("created_at", gte);
        q.add("filter", filter);
        JsonArray sort = new JsonArray();
        sort.add("-created_at");
        q.add("sort", sort);
        return q.toString();
    }

    static BlinkApiException mayExist(String workflowId, String nonce, String why, BlinkApiException cause) {
        // NO_ANSWER whatever the listing's own failure was: the start went out and may have acted,
        // so this must never read as "Blink cannot have acted" (a listing that could not connect)
        return new BlinkApiException(
                BlinkApiException.Reason.NO_ANSWER,
                0,
                null,
                "Blink's answer to starting workflow " + workflowId + " was lost, and whether Blink started it"
                        + " cannot be told (" + why + "). The run may exist: look in Blink for a run of workflow "
                        + workflowId + " whose event holds jenkins.nonce = " + nonce + ". It was not started"
                        + " again, so that it cannot run twice.",
                cause);
    }
}
