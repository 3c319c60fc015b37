package io.jenkins.plugins.blinkops.freestyle;

import static io.jenkins.plugins.blinkops.BlinkFixture.API_KEY;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.core.fake.FakeExecution;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jvnet.hudson.test.JenkinsRule;

/** The freestyle <em>Cancel a Blink execution</em> step, as {@code blinkCancel} behaves in a Pipeline. */
class BlinkCancelBuilderTest extends ConfiguredBlinkTest {

    /** A job that starts the workflow without waiting, then cancels what it started. */
    private FreeStyleProject startThenCancel(BlinkCancelBuilder cancel, WaitMode startMode) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkExecuteBuilder start = new BlinkExecuteBuilder(WORKFLOW);
        start.setWaitMode(startMode);
        project.getBuildersList().add(start);
        project.getBuildersList().add(cancel);
        return project;
    }

    @Test
    void cancelsTheExecutionAnEarlierStepStarted() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));

        FreeStyleBuild build = j.buildAndAssertSuccess(
                startThenCancel(new BlinkCancelBuilder("${BLINK_EXECUTION_ID}"), WaitMode.NONE));

        FakeExecution execution = server.executions().get(0);
        assertThat(execution.cancelled()).isTrue();
        assertThat(server.requests(Route.CANCEL)).singleElement().satisfies(r -> {
            assertThat(r.path()).contains(execution.id());
            assertThat(r.header("BLINK-API-KEY")).isEqualTo(API_KEY);
        });
        j.assertLogContains("Asked Blink to cancel execution " + execution.id() + ".", build);
        assertThat(JenkinsRule.getLog(build)).doesNotContain(API_KEY);
    }

    @Test
    void anExecutionThatAlreadyEndedIsNotAnError() throws Exception {
        FreeStyleBuild build = j.buildAndAssertSuccess(
                startThenCancel(new BlinkCancelBuilder("${BLINK_EXECUTION_ID}"), WaitMode.FOLLOW));

        String id = server.executions().get(0).id();
        j.assertLogContains("Execution " + id + " is no longer running in Blink; there was nothing to cancel.", build);
        assertThat(server.count(Route.CANCEL)).isEqualTo(1);
        assertThat(server.executions().get(0).cancelled()).isFalse();
    }

    @Test
    void anUnknownExecutionFailsTheStepNamingIt() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new BlinkCancelBuilder("no-such-run"));

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("Blink found no execution 'no-such-run'", build);
    }

    @Test
    void aKeyBlinkRejectsFailsTheStepSayingSo() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));
        BlinkFixture.addGlobalCredential("old-key", "revoked-key-value");
        BlinkCancelBuilder cancel = new BlinkCancelBuilder("${BLINK_EXECUTION_ID}");
        cancel.setCredentialsId("old-key");

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, startThenCancel(cancel, WaitMode.NONE));

        j.assertLogContains("Blink rejected the API key (HTTP 401)", build);
        assertThat(server.executions().get(0).cancelled()).isFalse();
        assertThat(JenkinsRule.getLog(build)).doesNotContain("revoked-key-value");
    }

    /** Nothing reaches Blink when the id cannot be right: empty once expanded, or naming no variable. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "${EMPTY}     | executionId: is empty",
                "${NO_SUCH}   | executionId: refers to ${NO_SUCH}, which is neither a build parameter nor a variable"
            })
    void anIdThatCannotBeRightIsRefusedNamingTheField(String executionId, String problem) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("EMPTY", "")));
        project.getBuildersList().add(new BlinkCancelBuilder(executionId));

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("nothing was sent to Blink: " + problem, build);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void configurationSurvivesTheForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkCancelBuilder cancel = new BlinkCancelBuilder("${BLINK_EXECUTION_ID}");
        cancel.setConnection(BlinkFixture.CONNECTION);
        cancel.setCredentialsId(BlinkFixture.CREDENTIALS_ID);
        cancel.setWorkspaceId("ws-${TEAM}");
        project.getBuildersList().add(cancel);

        project = j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(cancel, project.getBuildersList().get(0));
    }
}
