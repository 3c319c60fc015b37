package io.jenkins.plugins.blinkops.core.model;

/**
 * What a connection test found: the key works and sees {@code workspaceCount} workspaces, and the
 * workspace asked about (if any) is reachable under {@code workspaceName}. Only facts: the plugin
 * words them for its form, in its own (translatable) messages.
 *
 * @param workspaceId   the workspace asked about, or {@code null} when none was
 * @param workspaceName its name in Blink; {@code null} or blank when Blink gave none
 */
public record ConnectionCheck(String host, int workspaceCount, String workspaceId, String workspaceName) {}
