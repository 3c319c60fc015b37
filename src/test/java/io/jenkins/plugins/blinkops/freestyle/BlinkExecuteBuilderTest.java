package io.jenkins.plugins.blinkops.freestyle;

import static io.jenkins.plugins.blinkops.BlinkFixture.API_KEY;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import hudson.EnvVars;
import hudson.Functions;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.tasks.BatchFile;
import hudson.tasks.Shell;
import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.call.BlinkExecutionAction;
import io.jenkins.plugins.blinkops.call.BlinkInput;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.PausedHandling;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;

class BlinkExecuteBuilderTest extends ConfiguredBlinkTest {
    /** The outputs of the README's freestyle example, as it is written there. */
    static final String OUTPUTS =
            "{\"verdict\": \"contained\", \"hosts\": 3, \"ok\": true, \"details\": {\"db1\": \"isolated\"}, \"host-name\": \"a\"}";
    /** The README's shell step that reads them, as it is written there... */
    static final String SHELL_EXAMPLE = """
            echo "verdict=$BLINK_OUTPUT_VERDICT hosts=$BLINK_OUTPUT_HOSTS ok=$BLINK_OUTPUT_OK host=$BLINK_OUTPUT_HOST_NAME"
            test "$BLINK_OUTPUT_VERDICT" = contained || exit 1
            """;
    /** ... and the same for Windows, where the tests run that one instead. */
    static final String BATCH_EXAMPLE = """
            echo verdict=%BLINK_OUTPUT_VERDICT% hosts=%BLINK_OUTPUT_HOSTS% ok=%BLINK_OUTPUT_OK% host=%BLINK_OUTPUT_HOST_NAME%
            if not "%BLINK_OUTPUT_VERDICT%"=="contained" exit /b 1
            """;

    /** Takes the environment a build step after the Blink step sees. */
    private static final class SeesTheEnvironment extends TestBuilder {
        private volatile EnvVars seen;

        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                throws InterruptedException, IOException {
            seen = build.getEnvironment(listener);
            return true;
        }
    }

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
        assertThat(BlinkFixture.withoutJenkinsContext(
                        server.requests(Route.EXECUTE).get(0).bodyJson(), build))
                .isEqualTo(expected);
        assertThat(server.requests(Route.EXECUTE)
                        .get(0)
                        .bodyJson()
                        .getAsJsonObject("event")
                        .getAsJsonObject("jenkins")
                        .get("startedBy")
                        .getAsString())
                .isNotBlank();
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
                        // the file keeps the name it had before the class moved (PersistedNames)
                        j.jenkins
                                .getRootDir()
                                .toPath()
                                .resolve("io.jenkins.plugins.blinkops.BlinkGlobalConfiguration.xml"),
                        StandardCharsets.UTF_8))
                .contains(BlinkFixture.CREDENTIALS_ID)
                .doesNotContain(API_KEY);
    }

    @Test
    void theReadmeExampleReadsTheScalarOutputsAsVariables() throws Exception {
        assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
                .as("the README shows the example as this test runs it")
                .contains(OUTPUTS)
                .contains("```sh\n" + SHELL_EXAMPLE + "```")
                .contains("```bat\n" + BATCH_EXAMPLE + "```");
        server.workflow(WORKSPACE, WORKFLOW).outputs(OUTPUTS);
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));
        project.getBuildersList().add(Functions.isWindows() ? new BatchFile(BATCH_EXAMPLE) : new Shell(SHELL_EXAMPLE));
        SeesTheEnvironment after = new SeesTheEnvironment();
        project.getBuildersList().add(after);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        j.assertLogContains("verdict=contained hosts=3 ok=true host=a", build);
        assertThat(after.seen)
                .containsEntry("BLINK_OUTPUT_VERDICT", "contained")
                .containsEntry("BLINK_OUTPUT_HOSTS", "3")
                .containsEntry("BLINK_OUTPUT_OK", "true")
                .containsEntry("BLINK_OUTPUT_HOST_NAME", "a")
                .doesNotContainKey("BLINK_OUTPUT_DETAILS");
        j.assertLogContains(
                "Outputs not set as BLINK_OUTPUT_* variables: \"details\" (an object: only strings, numbers and"
                        + " booleans become variables).",
                build);
    }

    @Test
    void onlyTheLatestExecutionsOutputsAreVariables() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).outputs(OUTPUTS);
        server.workflow(WORKSPACE, "wf-other").outputs("{\"ticket\": \"SEC-7\"}");
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));
        SeesTheEnvironment between = new SeesTheEnvironment();
        project.getBuildersList().add(between);
        project.getBuildersList().add(new BlinkExecuteBuilder("wf-other"));
        SeesTheEnvironment after = new SeesTheEnvironment();
        project.getBuildersList().add(after);

        j.buildAndAssertSuccess(project);

        assertThat(between.seen).containsEntry("BLINK_OUTPUT_VERDICT", "contained");
        assertThat(after.seen)
                .containsEntry("BLINK_OUTPUT_TICKET", "SEC-7")
                .containsEntry("BLINK_EXECUTION_ID", server.executions().get(1).id())
                .doesNotContainKeys("BLINK_OUTPUT_VERDICT", "BLINK_OUTPUT_HOSTS");
    }

    @Test
    void theBuildPageListsTheOutputsEscaped() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW)
                .outputs("{\"verdict\": \"<script>alert('owned')</script>\", \"details\": {\"db1\": \"isolated\"}}");
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));
        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        HtmlPage page = j.createWebClient().getPage(build, "blink");

        String id = server.executions().get(0).id();
        assertThat(page.asNormalizedText())
                .contains("Outputs of execution " + id)
                .contains("verdict\t<script>alert('owned')</script>")
                .contains("\"db1\": \"isolated\"");
        // shown as text, never sent as markup, and so never run
        assertThat(page.getWebResponse().getContentAsString())
                .contains("&lt;script>alert('owned')")
                .doesNotContain("<script>alert(");
        assertThat(page.getElementsByTagName("script"))
                .noneSatisfy(script -> assertThat(script.getTextContent()).contains("owned"));
    }

    @Test
    void aStepThatDoesNotPrintItsOutputsDoesNotShowThemEither() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).outputs(OUTPUTS);
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setPrintOutputs(false);
        project.getBuildersList().add(builder);
        SeesTheEnvironment after = new SeesTheEnvironment();
        project.getBuildersList().add(after);
        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        HtmlPage page = j.createWebClient().getPage(build, "blink");

        assertThat(page.asNormalizedText())
                .contains("The outputs are not shown: the step does not print them.")
                .doesNotContain("contained");
        assertThat(Files.readString(build.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8))
                .doesNotContain("isolated");
        // the variables are for the build's own steps, not a display: they are still set
        assertThat(after.seen).containsEntry("BLINK_OUTPUT_VERDICT", "contained");
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
        builder.setOnPaused(PausedHandling.CONTINUE);
        builder.setProgress(false);
        builder.setPastExecutionRef("${EARLIER}");
        builder.setSendJenkinsContext(false);
        project.getBuildersList().add(builder);

        project = j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(builder, project.getBuildersList().get(0));
        BlinkExecuteBuilder after = project.getBuildersList().get(BlinkExecuteBuilder.class);
        assertThat(after.getOnPaused()).isEqualTo(PausedHandling.CONTINUE);
        assertThat(after.isProgress()).isFalse();
        assertThat(after.isSendJenkinsContext()).isFalse();
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
        assertThat(after.getOnPaused()).isEqualTo(PausedHandling.WAIT);
        assertThat(after.isProgress()).isTrue();
        assertThat(after.getPastExecutionRef()).isNull();
        assertThat(after.isSendJenkinsContext()).isTrue();
    }
}
