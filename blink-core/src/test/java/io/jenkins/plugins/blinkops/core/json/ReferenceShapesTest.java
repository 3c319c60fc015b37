package io.jenkins.plugins.blinkops.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jenkins.plugins.blinkops.core.callback.CallbackToken;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.ReferenceFixture;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.model.StepResult;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's readers against the answers of Blink's API reference, as the fixtures keep them. */
class ReferenceShapesTest {

    private static StringReader body(String fixture) {
        return new StringReader(ReferenceFixture.load(fixture).text());
    }

    @ParameterizedTest
    @MethodSource("io.jenkins.plugins.blinkops.core.fake.ReferenceFixture#all")
    void everyFixtureNamesItsReferencePage(String name) {
        ReferenceFixture fixture = ReferenceFixture.load(name);
        assertThat(fixture.reference()).isNotBlank();
        assertThat(fixture.url()).startsWith("https://");
    }

    @Test
    void theExecuteBodyHasTheReferencesShapeCallbackIncluded() {
        ExecutionRequest request = ExecutionRequest.builder("ws", "wf")
                .input("target", "prod")
                .eventJson("{\"alert\":1}")
                .runner("default")
                .triggerType("jenkins")
                .pastExecutionRef("e-1")
                .build()
                .withCallback("https://jenkins.example.com/blink-callback/", CallbackToken.generate());
        assertThat(ReferenceFixture.load("execute-request")
                        .differencesFrom(JsonParser.parseString(request.toJsonBody())))
                .isEmpty();
    }

    @Test
    void anAsynchronousStartGivesTheExecutionId() throws Exception {
        assertThat(ResponseParsers.executionId(body("execute-async")))
                .isEqualTo("a22f642a-f4fc-4c66-b978-6f1d1008e6ae");
    }

    @Test
    void aSynchronousStartGivesTheOutputs() throws Exception {
        Outputs outputs = ResponseParsers.outputs(body("execute-sync"), 1000);
        assertThat(outputs.values().get("verdict").getAsString()).isEqualTo("contained");
        assertThat(outputs.values().getAsJsonArray("quarantined")).hasSize(2);
        assertThat(outputs.truncated()).isFalse();
    }

    @Test
    void theExecutionRecordGivesStateTimesAndNoInventedOutputs() throws Exception {
        ExecutionStatus status = ResponseParsers.execution(body("execution"), 1000);
        assertThat(status.executionId()).isEqualTo("a22f642a-f4fc-4c66-b978-6f1d1008e6ae");
        assertThat(status.workflowId()).isEqualTo("wf-contain-host");
        assertThat(status.workflowName()).isEqualTo("Contain host");
        assertThat(status.state().isSuccess()).isTrue();
        assertThat(status.startedAt()).isEqualTo(1_764_400_000_000L);
        assertThat(status.finishedAt()).isEqualTo(1_764_400_001_523L);
        assertThat(status.errorMessage()).isNull();
        assertThat(status.stepResults()).isEqualTo(ExecutionSteps.NONE);
    }

    @Test
    void aListedExecutionReadsLikeTheRecord() throws Exception {
        JsonObject listed = ReferenceFixture.load("executions")
                .body()
                .getAsJsonObject()
                .getAsJsonArray("results")
                .get(0)
                .getAsJsonObject();
        ExecutionStatus status = ResponseParsers.execution(new StringReader(listed.toString()), 1000);
        assertThat(status.state().name()).isEqualTo("Completed");
    }

    @Test
    void theUserWorkspacesMapIsCounted() throws Exception {
        assertThat(ResponseParsers.workspaceCount(body("user-workspaces"))).isEqualTo(2);
    }

    @Test
    void theWorkspaceDetailsGiveItsDisplayName() throws Exception {
        assertThat(ResponseParsers.workspaceName(body("workspace"))).isEqualTo("Security");
    }

    @Test
    void thePlaybooksPageGivesTheWorkflows() throws Exception {
        assertThat(ResponseParsers.workflowPage(body("playbooks")).workflows())
                .containsExactly(new WorkflowSummary("wf-contain-host", "Contain host", true));
    }

    @Test
    void theStepsGiveTheOutputOfTheLastStep() throws Exception {
        ExecutionSteps steps = ResponseParsers.steps(body("steps"), 1000);
        assertThat(steps.steps()).extracting(StepResult::stepId).containsExactly("S1", "S2");
        assertThat(steps.outputStep()).isEqualTo("S2");
        assertThat(steps.outputs().values().get("verdict").getAsString()).isEqualTo("contained");
        assertThat(steps.outputs().values().has("found")).isFalse();
    }
}
