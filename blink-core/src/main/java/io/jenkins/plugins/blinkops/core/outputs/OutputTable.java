package io.jenkins.plugins.blinkops.core.outputs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Map;

/**
 * The outputs as a build's page lists them: one row per top-level output. What a build keeps for
 * its page is written into its record on disk with every save, so it is bounded: outputs are kept in
 * order while they fit in {@value #MAX_CHARS} characters, and one that does not fit is left out whole
 * (a half value would read as a wrong one) and the table says that some are missing.
 */
public final class OutputTable {
    public static final int MAX_CHARS = 64 * 1024;

    /** Not HTML-escaped: the page escapes what it shows, and {@code \u003c} would be shown as is. */
    private static final Gson PRETTY =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private OutputTable() {}

    /**
     * @param value the text of a string, number or boolean; otherwise the value as indented JSON
     * @param json  whether {@code value} is JSON (an object, a list or null), to show as such
     */
    public record Row(String name, String value, boolean json) {}

    /** What a build keeps of the outputs, and whether something was left out. */
    public record Kept(JsonObject outputs, boolean cut) {}

    public static Kept keep(JsonObject outputs) {
        JsonObject kept = new JsonObject();
        long used = 0;
        boolean cut = false;
        for (Map.Entry<String, JsonElement> output : outputs.entrySet()) {
            long size = output.getKey().length()
                    + (long) output.getValue().toString().length();
            if (used + size > MAX_CHARS) {
                cut = true;
            } else {
                kept.add(output.getKey(), output.getValue());
                used += size;
            }
        }
        return new Kept(kept, cut);
    }

    public static List<Row> rows(JsonObject outputs) {
        return outputs.entrySet().stream().map(OutputTable::row).toList();
    }

    private static Row row(Map.Entry<String, JsonElement> output) {
        JsonElement value = output.getValue();
        return value instanceof JsonPrimitive scalar
                ? new Row(output.getKey(), scalar.getAsString(), false)
                : new Row(output.getKey(), PRETTY.toJson(value), true);
    }
}
