package io.jenkins.plugins.blinkops.core.fake;

/**
 * How "List playbook executions with filtering" treats its RQL query. The reference documents
 * {@code q} (offset, limit, filter, sort) but not which members a filter can match nor how a sort
 * is written, and its listed runs carry no {@code event}: the fake offers each plausible reading.
 * Paging ({@code offset}, {@code limit} 1–1000, {@code total}) is honoured in every one.
 */
public enum ExecutionListing {
    /**
     * {@code filter.playbook_id.$eq}, {@code filter.created_at.$gte} and {@code filter.updated_at.$gte}
     * honoured, {@code sort ["-created_at"]} and {@code ["+updated_at"]} too; no event listed.
     */
    FILTER_HONOURED(true),
    /** Filter and sort ignored: every run of the workspace, oldest first; no event listed. */
    FILTER_IGNORED(false),
    /** As {@link #FILTER_HONOURED}, each run listed with its {@code event}. */
    WITH_EVENT(true),
    /**
     * A filter on {@code updated_at} matches nothing (as a filter on a member Blink does not know
     * might): an empty page, so the runs a batched poll waits on are missing from it.
     */
    UPDATED_AT_MATCHES_NOTHING(true);

    private final boolean honoursFilter;

    ExecutionListing(boolean honoursFilter) {
        this.honoursFilter = honoursFilter;
    }

    boolean honoursFilter() {
        return honoursFilter;
    }
}
