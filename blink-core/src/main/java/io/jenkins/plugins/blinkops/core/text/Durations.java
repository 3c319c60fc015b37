package io.jenkins.plugins.blinkops.core.text;

import java.time.Duration;

/** Durations in the words a build log uses: "850 ms", "12 s", "3 min 5 s", "1 h 2 min". */
public final class Durations {
    private Durations() {}

    public static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }
}
