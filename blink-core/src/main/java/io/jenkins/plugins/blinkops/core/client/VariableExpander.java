package io.jenkins.plugins.blinkops.core.client;

import io.jenkins.plugins.blinkops.core.model.InvalidInputException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in input values with the build's variables (parameters and
 * environment). {@code $${NAME}} stands for a literal {@code ${NAME}}. A reference to a variable
 * that does not exist is an error when strict, otherwise it is kept as written and reported once.
 */
public final class VariableExpander {
    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([^}]*)}");

    private final Map<String, String> variables;
    private final boolean strict;
    private final Consumer<String> unresolved;

    /**
     * @param unresolved told the name of each reference left as written (when not strict)
     */
    public VariableExpander(Map<String, String> variables, boolean strict, Consumer<String> unresolved) {
        this.variables = Map.copyOf(variables);
        this.strict = strict;
        this.unresolved = unresolved;
    }

    /**
     * @param field names the input, for the error message
     * @throws InvalidInputException when strict and a reference names no variable
     */
    public String expand(String text, String field) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (variables.containsKey(name)) {
                replacement = variables.get(name);
            } else if (strict) {
                throw new InvalidInputException(
                        field, "refers to ${" + name + "}, which is neither a build parameter nor a variable");
            } else {
                unresolved.accept(name);
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
