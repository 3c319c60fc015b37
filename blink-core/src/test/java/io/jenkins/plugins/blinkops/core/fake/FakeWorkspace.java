package io.jenkins.plugins.blinkops.core.fake;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/** A workspace and its workflows; sorted by id so listings and pages are stable. */
final class FakeWorkspace {
    private final String id;
    private volatile String name;
    private volatile boolean forbidden;
    private final ConcurrentSkipListMap<String, FakeWorkflow> workflows = new ConcurrentSkipListMap<>();

    FakeWorkspace(String id) {
        this.id = id;
        this.name = id;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    void name(String name) {
        this.name = name;
    }

    boolean forbidden() {
        return forbidden;
    }

    void forbidden(boolean forbidden) {
        this.forbidden = forbidden;
    }

    FakeWorkflow workflow(String workflowId) {
        return workflows.get(workflowId);
    }

    FakeWorkflow workflow(String workflowId, Function<String, FakeWorkflow> create) {
        return workflows.computeIfAbsent(workflowId, create);
    }

    List<FakeWorkflow> workflows() {
        return List.copyOf(workflows.values());
    }
}
