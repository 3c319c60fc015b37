package io.jenkins.plugins.blinkops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Items;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.util.FormValidation;
import io.jenkins.plugins.blinkops.call.BlinkExecutionAction;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.core.fake.FakeExecution;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.PausedHandling;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import io.jenkins.plugins.blinkops.freestyle.BlinkPostBuildAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.CaptureEnvironmentBuilder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Issue 15 on Jenkins: a run that waits for a person is waited through and shown while it waits,
 * {@code onPaused}, progress, the link to the run, {@code pastExecutionRef} and the Jenkins context,
 * from each entry point that has them.
 */
class HumanInTheLoopJenkinsTest extends ConfiguredBlinkTest {
    private static final String WORKSPACE = BlinkFixture.WORKSPACE;
    private static final String WORKFLOW = "wf-approve";

    @BeforeEach
    void theWorkflowExists() {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMillis(300));
    }

    private String runLink(String executionId) {
        return server.url() + "/workspace/" + WORKSPACE + "/executions/" + executionId;
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aPipelineWaitsThroughAPauseShowsItWhileItLastsAndSucceeds() throws Exception {
        // paused at the second read (a second in), until the test resumes it as a person would
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofSeconds(3)).pausesAfterReads(1);
        WorkflowRun run = pipeline("""
                        def r = blinkExecute workflowId: '%s'
                        echo "state=${r.state} paused=${r.paused} url=${r.url}"
                        echo "env url=${env.BLINK_EXECUTION_URL}"
                        """.formatted(WORKFLOW)).scheduleBuild2(0).waitForStart();
        j.waitForMessage("is paused in Blink", run);
        FakeExecution execution = server.executions().get(0);
        String link = runLink(execution.id());

        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage page = wc.getPage(run);
        assertThat(page.asNormalizedText()).contains("Paused in Blink: a step waits for a person");
        assertThat(page.getAnchorByText("Open the run in Blink").getHrefAttribute())
                .isEqualTo(link);
        assertThat(run.getBadgeActions()).hasAtLeastOneElementOfType(BlinkExecutionAction.class);
        // the build history is filled in by the page's script, badges included
        HtmlPage history = wc.getPage(run.getParent());
        wc.waitForBackgroundJavaScript(10_000);
        assertThat(history.asXml()).contains(run.getUrl() + "blink/").contains("Blink: Paused.");
        assertThat(run.getAction(BlinkExecutionAction.class).getLatest().isInProgress())
                .isTrue();
        // the row of a run still waited for is saved with the build (a restart shows it too)
        run.save();
        assertThat(Files.readString(run.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8))
                .contains("<inProgress>true</inProgress>")
                .contains("<paused>true</paused>");

        execution.resume();
        j.assertBuildStatusSuccess(j.waitForCompletion(run));

        String log = JenkinsRule.getLog(run);
        assertThat(occurrences(log, "is paused in Blink")).isEqualTo(1);
        assertThat(log).contains("who must act in Blink: " + link).contains("goes on in Blink");
        j.assertLogContains("state=Completed paused=false url=" + link, run);
        j.assertLogContains("env url=" + link, run);
        BlinkExecutionAction.Execution row =
                run.getAction(BlinkExecutionAction.class).getLatest();
        assertThat(row.isInProgress()).isFalse();
        assertThat(row.getState()).isEqualTo("Completed");
        assertThat(run.getAction(BlinkExecutionAction.class).getExecutions()).hasSize(1);
        assertThat(wc.getPage(run, "blink/").getAnchorByText(execution.id()).getHrefAttribute())
                .isEqualTo(link);
    }

    @Test
    void onPausedFailFailsThePipelineStepSayingWhoMustAct() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5)).pausesAfterReads(1);

        WorkflowRun run = j.buildAndAssertStatus(
                Result.FAILURE, pipeline("blinkExecute workflowId: '%s', onPaused: 'FAIL'".formatted(WORKFLOW)));

        j.assertLogContains("must act there", run);
        assertThat(server.executions().get(0).paused())
                .as("left paused in Blink")
                .isTrue();
    }

    @Test
    void onPausedContinueLetsThePipelineDecideAndWaitLater() throws Exception {
        // paused at blinkExecute's second read; goes on after blinkWait has seen it paused once more
        server.workflow(WORKSPACE, WORKFLOW)
                .takes(Duration.ofSeconds(3))
                .pausesAfterReads(1)
                .resumesAfterReads(2);

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def r = blinkExecute workflowId: '%s', onPaused: 'CONTINUE'
                echo "paused=${r.paused} success=${r.success} state=${r.state}"
                def w = blinkWait executionId: r.executionId
                echo "after=${w.state}"
                """.formatted(WORKFLOW)));

        j.assertLogContains("paused=true success=false state=Paused", run);
        j.assertLogContains("after=Completed", run);
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void aFreestyleStepLeftPausedGoesOnWithTheStateAndTheLinkInTheEnvironment() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5)).pausesAfterReads(1);
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setOnPaused(PausedHandling.CONTINUE);
        project.getBuildersList().add(builder);
        CaptureEnvironmentBuilder later = new CaptureEnvironmentBuilder();
        project.getBuildersList().add(later);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        String id = server.executions().get(0).id();
        assertThat(later.getEnvVars())
                .containsEntry("BLINK_EXECUTION_ID", id)
                .containsEntry("BLINK_EXECUTION_STATE", "Paused")
                .containsEntry("BLINK_EXECUTION_URL", runLink(id));
        assertThat(build.getAction(BlinkExecutionAction.class).getLatest().getStatusSymbol())
                .isEqualTo("symbol-status-yellow");
    }

    @Test
    void aFreestyleStepWaitsThroughAPauseByDefault() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW)
                .takes(Duration.ofSeconds(3))
                .pausesAfterReads(1)
                .resumesAfterReads(1);
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        j.assertLogContains("is paused in Blink", build);
        j.assertLogContains("goes on in Blink", build);
        assertThat(build.getAction(BlinkExecutionAction.class).getLatest().getState())
                .isEqualTo("Completed");
    }

    @Test
    void thePostBuildActionFailsOnAPauseWhenToldTo() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5)).pausesAfterReads(1);
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkPostBuildAction action = new BlinkPostBuildAction(WORKFLOW);
        action.setOnPaused(PausedHandling.FAIL);
        // the post-build action leaves the build's result alone unless told otherwise
        action.setOnFailure(FailureHandling.FAILURE);
        project.getPublishersList().add(action);

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("must act there", build);
    }

    @Test
    void progressPrintsEachStepOnceAndProgressFalsePrintsNone() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofSeconds(2)).steps(3);

        WorkflowRun shown = j.buildAndAssertSuccess(pipeline("blinkExecute workflowId: '%s'".formatted(WORKFLOW)));
        WorkflowRun quiet =
                j.buildAndAssertSuccess(pipeline("blinkExecute workflowId: '%s', progress: false".formatted(WORKFLOW)));

        String log = JenkinsRule.getLog(shown);
        for (String step : new String[] {"Step 1", "Step 2", "Step 3"}) {
            assertThat(occurrences(log, "Step " + step + " ended Completed"))
                    .as(step)
                    .isEqualTo(1);
        }
        assertThat(JenkinsRule.getLog(quiet)).doesNotContain("Step Step 1");
    }

    @Test
    void pastExecutionRefIsSentAndTheJenkinsContextCanBeLeftOut() throws Exception {
        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                blinkExecute workflowId: '%s', waitMode: 'NONE', pastExecutionRef: 'ex-earlier', sendJenkinsContext: false
                """.formatted(WORKFLOW)));

        JsonObject body = server.requests(Route.EXECUTE).get(0).bodyJson();
        assertThat(body.get("past_exec_ref").getAsString()).isEqualTo("ex-earlier");
        JsonObject jenkins = body.getAsJsonObject("event").getAsJsonObject("jenkins");
        assertThat(jenkins.keySet()).as("only the start's nonce").containsExactly("nonce");
        assertThat(run.getResult()).isEqualTo(Result.SUCCESS);
    }

    @Test
    void aFreestylePastExecutionRefIsExpandedAndAnUnsafeOneIsRefusedBeforeAnythingIsSent() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setWaitMode(WaitMode.NONE);
        builder.setPastExecutionRef("${EARLIER}");
        project.getBuildersList().add(builder);
        project.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("EARLIER", "ex-41")));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);
        JsonObject body = server.requests(Route.EXECUTE).get(0).bodyJson();
        assertThat(body.get("past_exec_ref").getAsString()).isEqualTo("ex-41");
        assertThat(body.getAsJsonObject("event")
                        .getAsJsonObject("jenkins")
                        .get("job")
                        .getAsString())
                .as("the Jenkins context is sent by default")
                .isEqualTo(project.getFullName());

        builder.setPastExecutionRef("../admin");
        FreeStyleBuild refused = j.buildAndAssertStatus(Result.FAILURE, project);
        j.assertLogContains("pastExecutionRef", refused);
        assertThat(server.count(Route.EXECUTE)).as("nothing more sent").isEqualTo(1);
        assertThat(build.getNumber()).isEqualTo(1);
    }

    @Test
    void theConnectionsRunLinkTemplateShapesEveryLinkAndABadOneIsRefusedByTheForm() throws Exception {
        BlinkConnection connection =
                BlinkGlobalConfiguration.get().getConnections().get(0);
        connection.setRunLinkTemplate("{host}/runs/{executionId}");

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def r = blinkExecute workflowId: '%s'
                echo "url=${r.url}"
                """.formatted(WORKFLOW)));

        j.assertLogContains(
                "url=" + server.url() + "/runs/" + server.executions().get(0).id(), run);
        BlinkConnection.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(BlinkConnection.DescriptorImpl.class);
        assertThat(descriptor.doCheckRunLinkTemplate("ftp://blink/{executionId}").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckRunLinkTemplate("{host}/runs/{executionId}").kind)
                .isEqualTo(FormValidation.Kind.OK);
        connection.setRunLinkTemplate("{host}/workspace/{workspaceId}/executions/{executionId}");
        assertThat(connection.getRunLinkTemplate())
                .as("the default is not stored")
                .isNull();
    }

    @Test
    void aFreestyleStepSavedBeforeTheseSettingsWaitsThroughPausesAndPrintsProgress() {
        BlinkExecuteBuilder old = (BlinkExecuteBuilder) Items.XSTREAM2.fromXML("""
                <io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder>
                  <workflowId>wf-old</workflowId>
                  <waitMode>FOLLOW</waitMode>
                  <timeoutMinutes>30</timeoutMinutes>
                  <onFailure>FAILURE</onFailure>
                  <cancelOnAbort>true</cancelOnAbort>
                  <printOutputs>true</printOutputs>
                </io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder>
                """);

        assertThat(old.getOnPaused()).isEqualTo(PausedHandling.WAIT);
        assertThat(old.isProgress()).isTrue();
        assertThat(old.isSendJenkinsContext()).isTrue();
        assertThat(old.toRunSettings().toRunOptions().onPaused()).isEqualTo(PausedHandling.WAIT);
        assertThat(old.toRunSettings().toRunOptions().progress()).isTrue();
    }
}
