package io.jenkins.plugins.blinkops.freestyle;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.call.BlinkInput;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.run.FailureHandling;
import io.jenkins.plugins.blinkops.core.run.TriggerCondition;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.FailureBuilder;

class BlinkPostBuildActionTest extends ConfiguredBlinkTest {

    @Test
    void startsWhenTheBuildFailsAndNotWhenItSucceeds() throws Exception {
        FreeStyleProject failing = j.createFreeStyleProject("failing");
        failing.getBuildersList().add(new FailureBuilder());
        failing.getPublishersList().add(onFailureOnly());
        FreeStyleProject passing = j.createFreeStyleProject("passing");
        passing.getPublishersList().add(onFailureOnly());

        j.buildAndAssertStatus(Result.FAILURE, failing);
        FreeStyleBuild passed = j.buildAndAssertSuccess(passing);

        assertThat(server.requests(Route.EXECUTE)).hasSize(1);
        JsonObject inputs = server.requests(Route.EXECUTE).get(0).bodyJson().getAsJsonObject("input_values");
        assertThat(inputs.get("jenkins_job").getAsString()).isEqualTo("custom name");
        assertThat(inputs.get("jenkins_build_number").getAsString()).isEqualTo("1");
        assertThat(inputs.get("jenkins_build_result").getAsString()).isEqualTo("FAILURE");
        assertThat(inputs.get("jenkins_build_url").getAsString()).endsWith("job/failing/1/");
        assertThat(inputs.get("team").getAsString()).isEqualTo("secops");
        j.assertLogContains("Not starting the workflow", passed);
    }

    @Test
    void theBuildsParametersAreSentByDefault() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("HOST", "db1")));
        project.getPublishersList().add(new BlinkPostBuildAction(WORKFLOW));

        j.buildAndAssertSuccess(project);

        JsonObject inputs = server.requests(Route.EXECUTE).get(0).bodyJson().getAsJsonObject("input_values");
        assertThat(inputs.get("HOST").getAsString()).isEqualTo("db1");
        assertThat(inputs.get("jenkins_build_result").getAsString()).isEqualTo("SUCCESS");
    }

    @Test
    void anErrorLeavesTheBuildResultAloneByDefault() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getPublishersList().add(new BlinkPostBuildAction("no-such-workflow"));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        j.assertLogContains("WARNING: Blink found no workflow 'no-such-workflow'", build);
    }

    @Test
    void anErrorFailsTheBuildWhenAsked() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkPostBuildAction action = new BlinkPostBuildAction("no-such-workflow");
        action.setOnFailure(FailureHandling.FAILURE);
        project.getPublishersList().add(action);

        FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project);

        j.assertLogContains("Blink found no workflow 'no-such-workflow'", build);
    }

    @Test
    void configurationSurvivesTheForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        BlinkPostBuildAction action = onFailureOnly();
        action.setConnection(BlinkFixture.CONNECTION);
        action.setEventJson("{\"a\": 1}");
        action.setWaitMode(WaitMode.NONE);
        action.setTimeoutMinutes(5);
        action.setOnFailure(FailureHandling.UNSTABLE);
        action.setPassBuildParameters(true);
        project.getPublishersList().add(action);

        project = j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(action, project.getPublishersList().get(BlinkPostBuildAction.class));
    }

    @Test
    void defaultsSurviveTheForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getPublishersList().add(new BlinkPostBuildAction(WORKFLOW));

        project = j.configRoundtrip(project);

        BlinkPostBuildAction after = project.getPublishersList().get(BlinkPostBuildAction.class);
        j.assertEqualDataBoundBeans(new BlinkPostBuildAction(WORKFLOW), after);
        assertThat(after.getCondition()).isEqualTo(TriggerCondition.ALWAYS);
        assertThat(after.getOnFailure()).isEqualTo(FailureHandling.IGNORE);
        assertThat(after.isPassBuildParameters()).isTrue();
    }

    private static BlinkPostBuildAction onFailureOnly() {
        BlinkPostBuildAction action = new BlinkPostBuildAction(WORKFLOW);
        action.setCondition(TriggerCondition.FAILURE);
        action.setInputs(List.of(new BlinkInput("team", "secops"), new BlinkInput("jenkins_job", "custom name")));
        return action;
    }
}
