package io.jenkins.plugins.blinkops.core.target;

/** Removes the API key from text that came from elsewhere (an error body could echo a header). */
public final class Redaction {
    static final String MASK = "****";

    private Redaction() {}

    public static String redact(String text, ApiKey key) {
        return key.occursIn(text) ? text.replace(key.value(), MASK) : text;
    }
}
