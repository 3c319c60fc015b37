package io.jenkins.plugins.blinkops.core.target;

/**
 * Input that cannot be sent to Blink, found before anything was sent. The message names the
 * field (as the user knows it) and what is wrong with it.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The name of the offending field, as in the step's configuration. */
    public String field() {
        return field;
    }
}
