package io.jenkins.plugins.blinkops.core.model;

import java.util.regex.Pattern;

/**
 * Text from Blink made fit for one line of a build log: control characters (a line break that
 * would forge a log line, an ANSI escape that would recolour the console, a NUL) become {@code ?}.
 * {@link BuildLog} sends every line through here, so no Blink-originated text reaches the log raw.
 */
public final class LogText {
    private static final Pattern CONTROL =
            Pattern.compile("[\\p{Cntrl}\\u0080-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

    private LogText() {}

    public static String clean(String text) {
        return text == null ? null : CONTROL.matcher(text).replaceAll("?");
    }
}
