package io.jenkins.plugins.blinkops.core.client;

import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in input values with the build's variables (parameters and
 * environment). {@code $${NAME}} stands for a literal {@code ${NAME}}. A reference to a variable
 * that does not exist is an error when strict, otherwise it is kept as written and reported once. A
 * reference to a withheld (sensitive) variable is always kept as written, and reported.
 */
public final class VariableExpander {
    /** Leaves every value exactly as given. */
    public static final VariableExpander NONE = new VariableExpander(References.NONE, false, name -> {}, name -> {});

    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([^}]*)}");

    private final References references;
    private final boolean strict;
    private final Consumer<String> unresolved;
    private final Consumer<String> withheld;

    /**
     * @param unresolved told the name of each reference left as written because no such variable
     *                   exists (when not strict)
     * @param withheld   told the name of each reference left as written because it is sensitive
     */
    public VariableExpander(
            References references, boolean strict, Consumer<String> unresolved, Consumer<String> withheld) {
        this.references = references;
        this.strict = strict;
        this.unresolved = unresolved;
        this.withheld = withheld;
    }

    /**
     * @param field names the input, for the error message
     * @throws InvalidInputException when strict and a reference names no variable
     */
    public String expand(String text, String field) {
        if (!references.expand() || text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (references.withheld().contains(name)) {
                withheld.accept(name);
                replacement = m.group();
            } else if (references.values().containsKey(name)) {
                replacement = references.values().get(name);
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
