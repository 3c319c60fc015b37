package io.jenkins.plugins.blinkops.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecutionSpecTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final BuildLog log = new BuildLog(new PrintStream(out, true, StandardCharsets.UTF_8));

    private static ExecutionSpec spec(String ws, String wf, Object inputs, Object event, boolean strict) {
        return new ExecutionSpec(ws, wf, inputs, false, event, null, null, null, strict);
    }

    @Test
    void fallsBackToTheConnectionsWorkspaceAndExpandsIds() {
        ExecutionRequest r = spec("", "${WF}", Map.of(), null, true)
                .toRequest("default-ws", References.of(Map.of("WF", "wf-9"), Set.of()), Map.of(), log);
        assertThat(r.workspaceId()).isEqualTo("default-ws");
        assertThat(r.workflowId()).isEqualTo("wf-9");
    }

    @Test
    void noWorkspaceAnywhereIsAnErrorThatSaysWhere() {
        assertThatThrownBy(() -> spec(null, "wf", Map.of(), null, false)
                        .toRequest(null, References.of(Map.of(), Set.of()), Map.of(), log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("workspaceId")
                .hasMessageContaining("no default workspace");
    }

    @Test
    void eventMayBeAMapOrJsonText() {
        String fromMap = Fixtures.withoutNonce(spec("ws", "wf", Map.of(), Map.of("a", 1), false)
                .toRequest(null, References.of(Map.of(), Set.of()), Map.of(), log)
                .toJsonBody());
        String fromText = Fixtures.withoutNonce(spec("ws", "wf", Map.of(), "{\"a\":1}", false)
                .toRequest(null, References.of(Map.of(), Set.of()), Map.of(), log)
                .toJsonBody());
        assertThat(fromMap).isEqualTo(fromText).isEqualTo("{\"event\":{\"a\":1}}");
    }

    @Test
    void inputsMayBeAMapOrJsonTextAndKeepTheirTypes() {
        String fromMap = Fixtures.withoutNonce(spec("ws", "wf", Map.of("n", 3, "host", "${HOST}"), null, false)
                .toRequest(null, References.of(Map.of("HOST", "db1"), Set.of()), Map.of(), log)
                .toJsonBody());
        String fromText = Fixtures.withoutNonce(spec("ws", "wf", "{\"n\": 3, \"host\": \"${HOST}\"}", null, false)
                .toRequest(null, References.of(Map.of("HOST", "db1"), Set.of()), Map.of(), log)
                .toJsonBody());
        assertThat(fromText).isEqualTo("{\"input_values\":{\"n\":3,\"host\":\"db1\"}}");
        assertThat(fromMap).contains("\"n\":3").contains("\"host\":\"db1\"");
    }

    @Test
    void inputsTextThatIsNoJsonObjectIsRefusedNamingTheField() {
        assertThatThrownBy(() -> spec("ws", "wf", "[1, 2]", null, false)
                        .toRequest(null, References.of(Map.of(), Set.of()), Map.of(), log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("inputs")
                .hasMessageContaining("a list");
    }

    @Test
    void unresolvedReferencesAreWarnedOnceEach() {
        spec("ws", "wf", Map.of("a", "${X}", "b", "${X} ${Y}"), null, false)
                .toRequest(null, References.of(Map.of(), Set.of()), Map.of(), log);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().filter(l -> l.contains("${X}"))).hasSize(1);
        assertThat(text).contains("${Y}").contains("WARNING");
    }

    @Test
    void passesBuildParametersWhenAsked() {
        ExecutionSpec spec = new ExecutionSpec("ws", "wf", Map.of("A", "mine"), true, null, null, null, null, false);
        String body = spec.toRequest(null, References.of(Map.of(), Set.of()), Map.of("A", "param", "B", "b"), log)
                .toJsonBody();
        assertThat(body).contains("\"A\":\"mine\"").contains("\"B\":\"b\"");
    }

    @Test
    void aSensitiveVariableReachesBlinkAsWrittenAndTheLogNamesIt() {
        String body = spec("ws", "wf", Map.of("token", "${TOKEN}", "host", "${HOST}"), null, true)
                .toRequest(null, References.of(Map.of("HOST", "db1"), Set.of("TOKEN")), Map.of(), log)
                .toJsonBody();

        assertThat(body).contains("\"token\":\"${TOKEN}\"").contains("\"host\":\"db1\"");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("${TOKEN} is sent as written, not expanded: it is a sensitive variable");
    }

    @Test
    void withoutExpansionIdsInputsAndEventAreSentAsGiven() {
        String body = spec("ws", "wf", Map.of("a", "${HOST} $${X}"), Map.of("e", "${HOST}"), true)
                .toRequest(null, References.NONE, Map.of(), log)
                .toJsonBody();

        assertThat(body).contains("\"a\":\"${HOST} $${X}\"").contains("\"e\":\"${HOST}\"");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("WARNING");
    }
}
