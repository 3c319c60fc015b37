package io.jenkins.plugins.blinkops.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.text.LogText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunLinkTemplateTest {
    private static final BlinkHost HOST = BlinkHost.parse("https://acme.app.blinkops.com/");

    @Test
    void theDefaultLinksToTheRunUnderTheWebHost() {
        assertThat(RunLinkTemplate.DEFAULT.expand(HOST, "ws-1", null, "ex-9"))
                .isEqualTo("https://acme.app.blinkops.com/workspace/ws-1/executions/ex-9");
        assertThat(RunLinkTemplate.DEFAULT.needsWorkflow()).isFalse();
    }

    @Test
    void everyIdIsEncodedAsOnePathSegment() {
        RunLinkTemplate t =
                new RunLinkTemplate("{host}/workspace/{workspaceId}/workflow/{workflowId}?run={executionId}");
        assertThat(t.needsWorkflow()).isTrue();
        assertThat(t.expand(HOST, "a?b", "c#d", "e%f&g"))
                .isEqualTo("https://acme.app.blinkops.com/workspace/a%3Fb/workflow/c%23d?run=e%25f%26g");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{host}/workspace/{workspaceId}",
                "{host}/runs/{runId}/{executionId}",
                "javascript:alert(1)/{executionId}",
                "{host}/x/{executionId} y",
                "{host}/x/\"{executionId}"
            })
    void aTemplateThatCannotLinkToARunIsRefusedNamingTheField(String template) {
        assertThatThrownBy(() -> new RunLinkTemplate(template))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("runLinkTemplate");
    }

    @Test
    void logTextKeepsOneCleanBoundedLine() {
        assertThat(LogText.oneLine("boom\u001b[31m red\u202e\nsecond line", 100))
                .isEqualTo("boom[31m red");
        assertThat(LogText.oneLine("x".repeat(300), 200)).hasSize(201).endsWith("…");
        assertThat(LogText.oneLine(null, 10)).isEmpty();
    }
}
