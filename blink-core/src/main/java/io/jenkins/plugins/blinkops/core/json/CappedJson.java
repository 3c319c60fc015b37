package io.jenkins.plugins.blinkops.core.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads a JSON value from a stream, keeping at most about {@code limit} characters of it and
 * skipping the rest without building it. Workflow outputs can be very large; a build keeps only
 * what the user allowed ({@link RunOptions#maxOutputBytes()}) and says so when it cut.
 */
final class CappedJson {
    /** What one name, bracket or separator costs against the limit. */
    private static final int STRUCTURE_COST = 4;

    private long remaining;
    private boolean truncated;

    private CappedJson(long limit) {
        this.remaining = limit;
    }

    /** The value read, with what did not fit left out. */
    record Capped(JsonElement value, boolean truncated) {}

    static Capped read(JsonReader reader, long limit) throws IOException {
        CappedJson capped = new CappedJson(limit);
        JsonElement value = capped.value(reader);
        return new Capped(value == null ? JsonNull.INSTANCE : value, capped.truncated);
    }

    /** One value, or {@code null} when it did not fit and was skipped. */
    private JsonElement value(JsonReader reader) throws IOException {
        if (remaining <= 0) {
            reader.skipValue();
            truncated = true;
            return null;
        }
        JsonToken token = reader.peek();
        switch (token) {
            case BEGIN_OBJECT:
                return object(reader);
            case BEGIN_ARRAY:
                return array(reader);
            case STRING:
                return string(reader.nextString());
            case NUMBER:
                String digits = reader.nextString();
                remaining -= digits.length();
                return new JsonPrimitive(new BigDecimal(digits));
            case BOOLEAN:
                remaining -= STRUCTURE_COST;
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                remaining -= STRUCTURE_COST;
                return JsonNull.INSTANCE;
            default:
                throw new IllegalStateException("unexpected " + token + " at " + reader.getPath());
        }
    }

    private JsonObject object(JsonReader reader) throws IOException {
        JsonObject o = new JsonObject();
        reader.beginObject();
        remaining -= STRUCTURE_COST;
        while (reader.hasNext()) {
            String name = reader.nextName();
            remaining -= name.length() + STRUCTURE_COST;
            JsonElement v = value(reader);
            if (v != null) {
                o.add(name, v);
            }
        }
        reader.endObject();
        return o;
    }

    private JsonArray array(JsonReader reader) throws IOException {
        JsonArray a = new JsonArray();
        reader.beginArray();
        remaining -= STRUCTURE_COST;
        while (reader.hasNext()) {
            JsonElement v = value(reader);
            if (v != null) {
                a.add(v);
            }
        }
        reader.endArray();
        return a;
    }

    private JsonPrimitive string(String s) {
        if (s.length() <= remaining) {
            remaining -= s.length() + STRUCTURE_COST;
            return new JsonPrimitive(s);
        }
        truncated = true;
        String kept = s.substring(0, (int) Math.max(0, remaining));
        remaining = 0;
        return new JsonPrimitive(kept);
    }
}
