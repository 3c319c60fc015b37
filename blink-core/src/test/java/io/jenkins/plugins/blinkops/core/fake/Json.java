package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The one Gson of the fake: nulls are written, as Blink writes {@code "finished_at": null}, and
 * quotes stay quotes (no HTML escaping), so messages read the same in curl as in a test.
 */
final class Json {
    static final Gson GSON =
            new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Json() {}
}
