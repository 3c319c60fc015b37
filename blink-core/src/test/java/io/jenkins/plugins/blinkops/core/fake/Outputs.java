package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A workflow's output parameters: either a small JSON object kept as parsed JSON, or a huge one
 * that is generated while it is written, so a 50 MB answer costs no test heap. A huge one has one
 * of two shapes: many keys of 1,000 characters each ({@link #huge}), or one key whose value is a
 * single giant string ({@link #hugeString}), the shape that a reader building whole strings cannot
 * survive.
 */
final class Outputs {

    /** One generated entry: {@code "part_0000001":"xxx...x"} with a value of this many characters. */
    private static final int HUGE_VALUE_CHARS = 1000;

    private static final int HUGE_ENTRY_BYTES = "\"part_0000000\":\"\"".length() + HUGE_VALUE_CHARS + 1;

    private final JsonElement small;
    private final int hugeEntries;
    /** Characters of the one giant string value; 0 for the many-keys shape. */
    private final int hugeStringChars;

    private Outputs(JsonElement small, int hugeEntries) {
        this(small, hugeEntries, 0);
    }

    private Outputs(JsonElement small, int hugeEntries, int hugeStringChars) {
        this.small = small;
        this.hugeEntries = hugeEntries;
        this.hugeStringChars = hugeStringChars;
    }

    /** Parsed at once, so a test with a typo in its JSON fails where it configures the workflow. */
    static Outputs json(String objectText) {
        JsonElement parsed = JsonParser.parseString(objectText);
        if (!parsed.isJsonObject()) {
            throw new IllegalArgumentException("outputs must be a JSON object: " + objectText);
        }
        return new Outputs(parsed, 0);
    }

    static Outputs huge(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive: " + bytes);
        }
        return new Outputs(null, Math.max(1, bytes / HUGE_ENTRY_BYTES));
    }

    /** {@code {"report":"xxx...x"}}: one string value of about {@code bytes} characters. */
    static Outputs hugeString(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive: " + bytes);
        }
        return new Outputs(null, 0, bytes);
    }

    boolean isHuge() {
        return small == null;
    }

    /** The outputs as JSON; only for small outputs. */
    JsonElement asJson() {
        if (isHuge()) {
            throw new IllegalStateException("huge outputs are only streamed");
        }
        return small.deepCopy();
    }

    void writeTo(OutputStream out) throws IOException {
        if (!isHuge()) {
            out.write(Json.GSON.toJson(small).getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] value = new byte[HUGE_VALUE_CHARS];
        Arrays.fill(value, (byte) 'x');
        if (hugeStringChars > 0) {
            out.write("{\"report\":\"".getBytes(StandardCharsets.US_ASCII));
            for (int left = hugeStringChars; left > 0; left -= HUGE_VALUE_CHARS) {
                out.write(value, 0, Math.min(left, HUGE_VALUE_CHARS));
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        out.write('{');
        for (int i = 1; i <= hugeEntries; i++) {
            if (i > 1) {
                out.write(',');
            }
            out.write(String.format("\"part_%07d\":\"", i).getBytes(StandardCharsets.US_ASCII));
            out.write(value);
            out.write('"');
        }
        out.write('}');
    }
}
