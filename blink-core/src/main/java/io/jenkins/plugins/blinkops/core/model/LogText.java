package io.jenkins.plugins.blinkops.core.model;

import java.util.regex.Pattern;

/** Text from Blink made fit for one line of a build log: its first line, without control characters, bounded. */
public final class LogText {
    /** Control and format characters (a terminal escape, a right-to-left override) that could fake a log line. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private LogText() {}

    /**
     * @param max the most characters kept; a longer text is cut and ends with an ellipsis
     * @return the first line of {@code text}, cleaned; empty for {@code null}
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
