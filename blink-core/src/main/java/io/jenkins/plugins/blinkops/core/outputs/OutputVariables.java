package io.jenkins.plugins.blinkops.core.outputs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outputs a freestyle build's later steps see as environment variables: each top-level string,
 * number or boolean as {@code BLINK_OUTPUT_<NAME>}, its name upper-cased and every character other
 * than {@code A-Z}, {@code 0-9} and {@code _} replaced by {@code _}. A build's environment reaches
 * every process the build starts and is limited by the operating system, so it is capped: a value
 * longer than {@value #MAX_VALUE_LENGTH} characters is left out, at most {@value #MAX_VARIABLES}
 * variables are set, and when two names make the same variable the first wins. What is left out is
 * listed, so that the build log can say it.
 *
 * @param variables the variables, in the order of the outputs
 * @param leftOut   each output left out, named as JSON quotes it, with the reason
 */
public record OutputVariables(Map<String, String> variables, List<String> leftOut) {
    public static final String PREFIX = "BLINK_OUTPUT_";
    public static final int MAX_VALUE_LENGTH = 4096;
    public static final int MAX_VARIABLES = 100;
    /** How many left-out outputs the log line names; a workflow may have thousands. */
    static final int NAMED_IN_LOG = 20;

    private static final int NAME_IN_LOG = 100;

    public OutputVariables {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        leftOut = List.copyOf(leftOut);
    }

    public static OutputVariables of(JsonObject outputs) {
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, String> setBy = new LinkedHashMap<>();
        List<String> leftOut = new ArrayList<>();
        for (Map.Entry<String, JsonElement> output : outputs.entrySet()) {
            String name = output.getKey();
            String variable = variableName(name);
            String problem = problem(output.getValue());
            if (problem == null && setBy.containsKey(variable)) {
                problem = variable + " is already set by " + quoted(setBy.get(variable));
            }
            if (problem == null && variables.size() == MAX_VARIABLES) {
                problem = "over the limit of " + MAX_VARIABLES + " variables";
            }
            if (problem == null) {
                variables.put(variable, output.getValue().getAsString());
                setBy.put(variable, name);
            } else {
                leftOut.add(quoted(name) + " (" + problem + ")");
            }
        }
        return new OutputVariables(variables, leftOut);
    }

    /** {@code host-name} is {@code BLINK_OUTPUT_HOST_NAME}: a name every shell and every OS accepts. */
    public static String variableName(String outputName) {
        return PREFIX + outputName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    /** One line for the build log saying what was left out and why; {@code null} when nothing was. */
    public String leftOutLine() {
        if (leftOut.isEmpty()) {
            return null;
        }
        String named = String.join(", ", leftOut.subList(0, Math.min(NAMED_IN_LOG, leftOut.size())));
        String more = leftOut.size() > NAMED_IN_LOG ? ", and " + (leftOut.size() - NAMED_IN_LOG) + " more" : "";
        return "Outputs not set as " + PREFIX + "* variables: " + named + more + ".";
    }

    /** Why a value cannot be a variable, or {@code null} when it can. */
    private static String problem(JsonElement value) {
        if (value.isJsonObject()) {
            return "an object: only strings, numbers and booleans become variables";
        }
        if (value.isJsonArray()) {
            return "a list: only strings, numbers and booleans become variables";
        }
        if (value.isJsonNull()) {
            return "null";
        }
        String text = value.getAsString();
        if (text.length() > MAX_VALUE_LENGTH) {
            return "longer than " + MAX_VALUE_LENGTH + " characters";
        }
        // a process cannot be started with it: the later step would fail instead
        if (text.indexOf('\0') >= 0) {
            return "holds a NUL character, which no environment variable can";
        }
        return null;
    }

    /**
     * As JSON writes it, so that a name with quotes or line breaks stays one readable line of the
     * log; a name longer than {@value #NAME_IN_LOG} characters is cut there.
     */
    private static String quoted(String name) {
        String shown = name.length() > NAME_IN_LOG ? name.substring(0, NAME_IN_LOG) + "\u2026" : name;
        return new JsonPrimitive(shown).toString();
    }
}
