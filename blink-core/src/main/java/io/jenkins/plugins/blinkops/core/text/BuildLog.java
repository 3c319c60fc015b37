package io.jenkins.plugins.blinkops.core.text;

import java.io.PrintStream;

/**
 * The lines a run writes to the build's console, each marked as the plugin's. Every line goes
 * through {@link LogText#clean}, since most carry something Blink said.
 */
public final class BuildLog {
    private static final String PREFIX = "[Blink] ";

    private final PrintStream out;

    public BuildLog(PrintStream out) {
        this.out = out;
    }

    public void info(String line) {
        out.println(PREFIX + LogText.clean(line));
    }

    public void warn(String line) {
        out.println(PREFIX + "WARNING: " + LogText.clean(line));
    }

    /** A block of text (the outputs), indented under a heading. */
    public void block(String heading, String text) {
        info(heading);
        text.lines().forEach(l -> out.println("    " + LogText.clean(l)));
    }
}
