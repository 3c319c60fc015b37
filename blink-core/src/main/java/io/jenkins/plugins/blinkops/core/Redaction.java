package io.jenkins.plugins.blinkops.core;

/** Removes the API key from text that came from elsewhere (an error body could echo a header). */
final class Redaction {
    static final String MASK = "****";

    private Redaction() {}

    static String redact(String text, ApiKey key) {
        return key.occursIn(text) ? text.replace(key.value(), MASK) : text;
    }
}
