package io.jenkins.plugins.blinkops.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VariableExpanderTest {
    private final List<String> unresolved = new ArrayList<>();
    private final List<String> withheld = new ArrayList<>();
    private final References vars =
            References.of(Map.of("BRANCH", "main", "NUM", "42", "DOLLAR", "$5 ${X}"), Set.of("TOKEN"));

    private VariableExpander lenient() {
        return new VariableExpander(vars, false, unresolved::add, withheld::add);
    }

    @Test
    void replacesReferences() {
        assertThat(lenient().expand("deploy ${BRANCH} #${NUM}", "f")).isEqualTo("deploy main #42");
    }

    @Test
    void valuesAreInsertedLiterallyNotExpandedAgain() {
        assertThat(lenient().expand("cost ${DOLLAR}", "f")).isEqualTo("cost $5 ${X}");
        assertThat(unresolved).isEmpty();
    }

    @Test
    void doubleDollarEscapesAReference() {
        assertThat(lenient().expand("$${BRANCH} is ${BRANCH}", "f")).isEqualTo("${BRANCH} is main");
    }

    @Test
    void textWithoutReferencesIsUntouched() {
        assertThat(lenient().expand("a $ b {c}", "f")).isEqualTo("a $ b {c}");
    }

    @Test
    void unknownReferenceIsKeptAndReportedWhenLenient() {
        assertThat(lenient().expand("x ${NOPE} y", "f")).isEqualTo("x ${NOPE} y");
        assertThat(unresolved).containsExactly("NOPE");
    }

    @Test
    void unknownReferenceIsAnErrorNamingFieldAndVariableWhenStrict() {
        VariableExpander strict = new VariableExpander(vars, true, unresolved::add, withheld::add);
        assertThatThrownBy(() -> strict.expand("x ${NOPE}", "inputs.target"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("inputs.target")
                .hasMessageContaining("${NOPE}");
    }

    @Test
    void aSensitiveVariableIsNeverExpandedAndIsReportedEvenWhenStrict() {
        VariableExpander strict = new VariableExpander(vars, true, unresolved::add, withheld::add);

        assertThat(strict.expand("key ${TOKEN} on ${BRANCH}", "inputs.key")).isEqualTo("key ${TOKEN} on main");
        assertThat(withheld).containsExactly("TOKEN");
        assertThat(unresolved).isEmpty();
    }

    @Test
    void withoutExpansionEveryValueIsTakenAsGiven() {
        assertThat(VariableExpander.NONE.expand("$${BRANCH} ${BRANCH} ${TOKEN} ${NOPE}", "f"))
                .isEqualTo("$${BRANCH} ${BRANCH} ${TOKEN} ${NOPE}");
    }
}
