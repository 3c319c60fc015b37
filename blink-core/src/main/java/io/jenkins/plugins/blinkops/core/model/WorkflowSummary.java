package io.jenkins.plugins.blinkops.core.model;

/** A workflow as listed for a drop-down: its id, name and whether it is active. */
public record WorkflowSummary(String id, String name, boolean active) {}
