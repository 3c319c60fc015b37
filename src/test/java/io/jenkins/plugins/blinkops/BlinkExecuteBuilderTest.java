package io.jenkins.plugins.blinkops;

import static io.jenkins.plugins.blinkops.BlinkFixture.API_KEY;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.blinkops.core.FailureHandling;
import io.jenkins.plugins.blinkops.core.WaitMode;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;

class BlinkExecuteBuilderTest extends ConfiguredBlinkTest {

    @Test
    void buildParametersAreExpandedIntoTheRequestBody() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition("HOST", "db1"), new StringParameterDefinition("TICKET", "SEC-1")));
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setInputs(List.of(new BlinkInput("host", "${HOST}"), new BlinkInput("note", "job ${JOB_NAME}")));
        builder.setPassBuildParameters(true);
        builder.setEventJson("{\"ticket\": \"${TICKET}\", \"count\": 2}");
        builder.setRunner("runners-eu");
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        JsonObject expected = JsonParser.parseString("{"
                        + "\"input_values\": {\"host\": \"db1\", \"note\": \"job " + project.getName() + "\","
                        + " \"HOST\": \"db1\", \"TICKET\": \"SEC-1\"},"
                        + "\"event\": {\"ticket\": \"SEC-1\", \"count\": 2},"
                        + "\"runner\": \"runners-eu\"}")
                .getAsJsonObject();
        assertThat(server.requests(Route.EXECUTE)).hasSize(1);
        assertThat(server.requests(Route.EXECUTE).get(0).bodyJson()).isEqualTo(expected);
        assertThat(server.requests(Route.EXECUTE).get(0).path())
                .isEqualTo("/api/v1/workspace/" + WORKSPACE + "/playbooks/" + WORKFLOW + "/execute");
        String executionId = server.executions().get(0).id();
        j.assertLogContains("Started execution " + executionId, build);
        j.assertLogContains("State: Completed", build);
        BlinkExecutionAction action = build.getAction(BlinkExecutionAction.class);
        assertThat(action.getExecutions()).singleElement().satisfies(e -> {
            assertThat(e.getExecutionId()).isEqualTo(executionId);
            assertThat(e.getState()).isEqualTo("Completed");
            assertThat(e.getLink())
                    .isEqualTo(server.url() + "/workspace/" + WORKSPACE + "/workflow/" + WORKFLOW + "/edit");
        });
    }

    @Test
    void laterBuildStepsSeeTheExecutionId() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));
        BlinkExecuteBuilder second = new BlinkExecuteBuilder(WORKFLOW);
        second.setInputs(List.of(
                new BlinkInput("previous", "${BLINK_EXECUTION_ID}"),
                new BlinkInput("previousState", "${BLINK_EXECUTION_STATE}")));
        project.getBuildersList().add(second);

        j.buildAndAssertSuccess(project);

        String firstId = server.executions().get(0).id();
        JsonObject inputs = server.requests(Route.EXECUTE).get(1).bodyJson().getAsJsonObject("input_values");
        assertThat(inputs.get("previous").getAsString()).isEqualTo(firstId);
        assertThat(inputs.get("previousState").getAsString()).isEqualTo("Completed");
    }

    @Test
    void aFailedWorkflowFailsTheBuild() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).endsWith("Failed").error("host not found", "E404");
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("ended Failed", build);
        j.assertLogContains("host not found", build);
    }

    @Test
    void aFailedWorkflowCanMarkTheBuildUnstable() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).endsWith("Failed");
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setOnFailure(FailureHandling.UNSTABLE);
        project.getBuildersList().add(builder);

        j.buildAndAssertStatus(Result.UNSTABLE, project);
    }

    @Test
    void aTimeoutFollowsOnFailure() throws Exception {
        // Blink answers 408 when a synchronous run outlives its timeout
        server.fault(Route.EXECUTE, Fault.status(408));
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setWaitMode(WaitMode.SYNC);
        builder.setOnFailure(FailureHandling.IGNORE);
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        j.assertLogContains("had not finished", build);
        assertThat(server.requests(Route.EXECUTE).get(0).query()).containsEntry("run_sync", "true");
    }

    @Test
    void abortingTheBuildCancelsTheExecution() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));

        FreeStyleBuild build = project.scheduleBuild2(0).waitForStart();
        j.waitForMessage("State: Running", build);
        build.getExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
        assertThat(server.executions().get(0).cancelled()).isTrue();
        j.assertLogContains("asked Blink to cancel execution", build);
    }

    @Test
    void aMissingConnectionIsExplained() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setConnection("staging");
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("There is no Blink connection named \u201cstaging\u201d", build);
        assertThat(server.count(Route.EXECUTE)).isZero();
    }

    @Test
    void theApiKeyIsNeverWrittenDown() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setInputs(List.of(new BlinkInput("host", "db1")));
        project.getBuildersList().add(builder);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        assertThat(server.requests(Route.EXECUTE).get(0).header("BLINK-API-KEY"))
                .isEqualTo(API_KEY);
        assertThat(JenkinsRule.getLog(build)).doesNotContain(API_KEY);
        assertThat(Files.readString(build.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8))
                .doesNotContain(API_KEY);
        assertThat(project.getConfigFile().asString()).doesNotContain(API_KEY);
        assertThat(Files.readString(
                        j.jenkins.getRootDir().toPath().resolve(BlinkGlobalConfiguration.class.getName() + ".xml"),
                        StandardCharsets.UTF_8))
                .contains(BlinkFixture.CREDENTIALS_ID)
                .doesNotContain(API_KEY);
    }

    @Test
    void configurationSurvivesTheForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setConnection(BlinkFixture.CONNECTION);
        builder.setWorkspaceId("ws-other");
        builder.setInputs(List.of(new BlinkInput("host", "${HOST}"), new BlinkInput("mode", "contain")));
        builder.setPassBuildParameters(true);
        builder.setEventJson("{\"a\": 1}");
        builder.setRunner("runners-eu");
        builder.setTriggerType("jenkins");
        builder.setWaitMode(WaitMode.SYNC);
        builder.setTimeoutMinutes(12);
        builder.setOnFailure(FailureHandling.UNSTABLE);
        builder.setCancelOnAbort(false);
        builder.setPrintOutputs(false);
        builder.setStrictReferences(true);
        project.getBuildersList().add(builder);

        project = j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(builder, project.getBuildersList().get(0));
    }

    @Test
    void defaultsSurviveTheForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        project.getBuildersList().add(builder);

        project = j.configRoundtrip(project);

        BlinkExecuteBuilder after = project.getBuildersList().get(BlinkExecuteBuilder.class);
        j.assertEqualDataBoundBeans(builder, after);
        assertThat(after.getWaitMode()).isEqualTo(WaitMode.FOLLOW);
        assertThat(after.getTimeoutMinutes()).isEqualTo(30);
        assertThat(after.getOnFailure()).isEqualTo(FailureHandling.FAILURE);
        assertThat(after.isCancelOnAbort()).isTrue();
        assertThat(after.isPrintOutputs()).isTrue();
    }
}
