package io.jenkins.plugins.blinkops.core.client;

import java.util.Map;
import java.util.Set;

/**
 * What a {@code ${NAME}} reference in a step's fields may stand for.
 *
 * @param expand   whether references are expanded at all: a Pipeline's arguments are taken as given,
 *                 since Groovy interpolated them already and a second expansion would reach
 *                 variables (credentials bindings among them) that the script never named
 * @param values   the variables a reference may name
 * @param withheld sensitive variables (password parameters, credentials bindings): a reference to one
 *                 stays as written, so that no secret reaches Blink by expansion
 */
public record References(boolean expand, Map<String, String> values, Set<String> withheld) {
    public static final References NONE = new References(false, Map.of(), Set.of());

    public References {
        values = Map.copyOf(values);
        withheld = Set.copyOf(withheld);
    }

    public static References of(Map<String, String> values, Set<String> withheld) {
        return new References(true, values, withheld);
    }
}
