package io.jenkins.plugins.blinkops.core.text;

import java.util.regex.Pattern;

/**
 * Text from Blink made fit for a build log. Control and format characters (a line break that would
 * forge a log line, an ANSI escape that would recolour the console, a NUL, a right-to-left override)
 * never reach the log raw: {@link BuildLog} sends every line through {@link #clean}, and what is
 * shown on one line of its own (a step's name, a run's error) goes through {@link #oneLine}.
 */
public final class LogText {
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private LogText() {}

    /** {@code text} with each control or format character replaced by {@code ?}; {@code null} stays {@code null}. */
    public static String clean(String text) {
        return text == null ? null : INVISIBLE.matcher(text).replaceAll("?");
    }

    /**
     * @param max the most characters kept; a longer text is cut and ends with an ellipsis
     * @return the first line of {@code text}, without control or format characters; empty for {@code null}
     */
    public static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String first = text.strip().lines().findFirst().orElse("");
        String clean = SPACES.matcher(INVISIBLE.matcher(first).replaceAll(""))
                .replaceAll(" ")
                .strip();
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end) + "…";
    }
}
