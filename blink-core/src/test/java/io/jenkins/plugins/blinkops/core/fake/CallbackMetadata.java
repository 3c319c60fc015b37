package io.jenkins.plugins.blinkops.core.fake;

/**
 * What Blink adds to the callback's {@code body} unless the request says {@code
 * "excludeDefaultMetadata": true}. The reference names the flag but not the metadata; these are the
 * plausible shapes, picked with {@link FakeBlinkServer#callbackMetadata}. The metadata are the
 * execution's id, workspace, workflow and state; a member of the request's own {@code body} with
 * the same name is kept as the request gave it.
 */
public enum CallbackMetadata {
    /** Alongside the request's body members. The default. */
    TOP_LEVEL,
    /** In one member, {@code "metadata": {...}}. */
    NESTED,
    /** None: the request's body as given. */
    NONE
}
