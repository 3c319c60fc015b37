package io.jenkins.plugins.blinkops.core.target;

import java.util.Objects;

/**
 * A Blink API key. It only leaves this object as the value of the {@code BLINK-API-KEY} header,
 * which is why {@link #value()} is package-private and {@link #toString()} never shows it.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** @throws InvalidInputException when the key is blank */
    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("apiKey", "the API key is empty");
        }
        return new ApiKey(value.strip());
    }

    public String value() {
        return value;
    }

    /** Whether {@code text} contains this key, for redacting text that came back from elsewhere. */
    boolean occursIn(String text) {
        return text != null && text.contains(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
