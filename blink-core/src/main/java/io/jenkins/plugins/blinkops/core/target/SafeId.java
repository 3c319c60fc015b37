package io.jenkins.plugins.blinkops.core.target;

import io.jenkins.plugins.blinkops.core.text.LogText;
import java.util.regex.Pattern;

/**
 * The one check every workspace, workflow and execution id passes before it goes into a URL path,
 * a link or an environment variable, wherever it came from: letters, digits and {@code _ - . : @ ~ +},
 * starting with a letter, a digit or {@code _} (so never {@code .} or {@code ..}), at most
 * {@value #MAX_LENGTH} characters. Blink's ids are UUIDs; this leaves room for other plain ids
 * and none for a path, a query or a line break.
 */
public final class SafeId {
    public static final int MAX_LENGTH = 128;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:@~+-]{0," + (MAX_LENGTH - 1) + "}");
    /** How much of an unsafe id from Blink an error message quotes. */
    private static final int QUOTE_LIMIT = 40;

    private SafeId() {}

    public static boolean isSafe(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    /**
     * An id the user gave, stripped of surrounding blanks.
     *
     * @throws InvalidInputException naming {@code field} when it is empty or not safe
     */
    public static String require(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException(field, "is empty");
        }
        String trimmed = id.strip();
        if (!isSafe(trimmed)) {
            throw new InvalidInputException(
                    field,
                    "'" + quote(trimmed) + "' is not a Blink id: it must be at most " + MAX_LENGTH
                            + " letters, digits or '_-.:@~+', must not be '.' or '..', and must not contain"
                            + " spaces, '/', '\\' or control characters");
        }
        return trimmed;
    }

    /**
     * An id Blink answered.
     *
     * @param what what the id names, e.g. "execution id"
     * @throws BlinkApiException when it is not safe: it is never used
     */
    public static String fromBlink(String id, String what) throws BlinkApiException {
        if (isSafe(id)) {
            return id;
        }
        String shown = id == null ? "nothing" : "'" + quote(id) + "'";
        throw new BlinkApiException(
                BlinkApiException.Reason.INVALID_ANSWER,
                0,
                null,
                "Blink answered an " + what + " that is not safe to use (" + shown + "): it was not used.",
                null);
    }

    /** At most a bounded head, with control characters made visible. */
    private static String quote(String id) {
        String head = id.length() > QUOTE_LIMIT ? id.substring(0, QUOTE_LIMIT) + "…" : id;
        return LogText.clean(head);
    }
}
