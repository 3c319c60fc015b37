package io.jenkins.plugins.blinkops.core.model;

import com.google.gson.JsonObject;

/** A workflow's output parameters as kept, and whether some were left out to respect the size limit. */
public record Outputs(JsonObject values, boolean truncated) {
    public static final Outputs NONE = new Outputs(new JsonObject(), false);

    public Outputs {
        values = values == null ? new JsonObject() : values;
    }
}
