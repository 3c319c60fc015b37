package io.jenkins.plugins.blinkops;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.freestyle.BlinkCancelBuilder;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import io.jenkins.plugins.blinkops.freestyle.BlinkPostBuildAction;
import io.jenkins.plugins.blinkops.steps.BlinkCancelStep;
import io.jenkins.plugins.blinkops.steps.BlinkExecuteStep;
import io.jenkins.plugins.blinkops.steps.BlinkWaitStep;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTableRow;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** Every page the plugin adds to or shows in Jenkins renders, with what a user comes to it for. */
class JenkinsPagesTest extends ConfiguredBlinkTest {
    /** Every field a user can set, in a form or a script, has its inline help (the Steps Reference shows it too). */
    @Test
    void everyFieldOfEveryFormHasHelp() throws Exception {
        List<Class<?>> describables = List.of(
                BlinkExecuteBuilder.class,
                BlinkPostBuildAction.class,
                BlinkCancelBuilder.class,
                BlinkExecuteStep.class,
                BlinkWaitStep.class,
                BlinkCancelStep.class,
                BlinkConnection.class);
        List<String> missing = j.executeOnServer(() -> {
            // a help file is looked up as a page of the web request
            List<String> without = new ArrayList<>();
            for (Class<?> type : describables) {
                Descriptor<?> descriptor = j.jenkins.getDescriptorOrDie(type.asSubclass(Describable.class));
                for (DescribableParameter field : DescribableModel.of(type).getParameters()) {
                    if (descriptor.getHelpFile(field.getName()) == null) {
                        without.add(type.getSimpleName() + "." + field.getName());
                    }
                }
            }
            return without;
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void theSystemConfigurationShowsTheConnections() throws Exception {
        HtmlPage page = j.createWebClient().goTo("manage/configure");

        assertThat(page.asNormalizedText())
                .contains("Blink Ops")
                .contains("Test connection")
                .contains("end waits on Blink\u2019s callback");
        assertThat(page.getElementsByName("_.name"))
                .anySatisfy(field -> assertThat(field.getAttribute("value")).isEqualTo(BlinkFixture.CONNECTION));
    }

    @Test
    void aFreestyleJobsConfigurationShowsTheStepsAndThePostBuildAction() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("configured");
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));
        project.getBuildersList().add(new BlinkCancelBuilder("${BLINK_EXECUTION_ID}"));
        project.getPublishersList().add(new BlinkPostBuildAction(WORKFLOW));

        HtmlPage page = j.createWebClient().getPage(project, "configure");

        String text = page.asNormalizedText();
        assertThat(text)
                .contains("Run a Blink workflow")
                .contains("Cancel a Blink execution")
                .contains("Run a Blink workflow after the build");
        assertThat(page.getElementsByName("_.workflowId")).hasSize(2);
        assertThat(page.getElementsByName("_.executionId"))
                .singleElement()
                .satisfies(field -> assertThat(field.getAttribute("value")).isEqualTo("${BLINK_EXECUTION_ID}"));
        // the connection fields of all three, from the one shared fragment
        assertThat(page.getElementsByName("_.connection")).hasSize(3);
        // f:enum names its select after the bare field
        assertThat(page.getElementsByName("condition")).hasSize(1);
    }

    @Test
    void theSnippetGeneratorShowsBlinkExecutesFormAndWritesItsSnippet() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "pipeline");
        JenkinsRule.WebClient wc = j.createWebClient();

        HtmlPage page = BlinkFixture.snippetGeneratorWith(j, job, "blinkExecute");
        assertThat(page.asNormalizedText())
                .contains("Workflow id", "Inputs (JSON object)", "Event (JSON object)", "Wait for the result");

        // what the page sends when "Generate Pipeline Script" is pressed
        JSONObject form = new JSONObject()
                .element("stapler-class", BlinkExecuteStep.class.getName())
                .element("workflowId", WORKFLOW)
                .element("inputs", "{\"host\": \"db1\", \"retries\": 3}")
                .element("waitMode", "SYNC")
                .element("timeoutMinutes", "30");
        WebRequest generate = new WebRequest(
                j.getURL().toURI().resolve(Snippetizer.GENERATE_URL).toURL(), HttpMethod.POST);
        generate.setRequestParameters(List.of(
                new NameValuePair("json", form.toString()),
                new NameValuePair(
                        j.jenkins.getCrumbIssuer().getDescriptor().getCrumbRequestField(),
                        j.jenkins.getCrumbIssuer().getCrumb())));
        String snippet =
                wc.getPage(generate).getWebResponse().getContentAsString().strip();
        assertThat(snippet)
                .startsWith("blinkExecute ")
                .contains("workflowId: '" + WORKFLOW + "'")
                .contains("inputs: '{\"host\": \"db1\", \"retries\": 3}'")
                .contains("waitMode: 'SYNC'")
                .doesNotContain("timeoutMinutes"); // the default is left out
    }

    @Test
    void theStepsReferenceDescribesEveryParameterOfBlinkExecute() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "pipeline");

        HtmlPage page = j.createWebClient().getPage(job, "pipeline-syntax/html");

        DomNode blinkExecute = page.getFirstByXPath("//dt[code='blinkExecute']/following-sibling::dd[1]");
        assertThat(blinkExecute).as("blinkExecute in the reference").isNotNull();
        // the text as written, whether or not the page shows the step unfolded
        assertThat(blinkExecute.getTextContent().replaceAll("\\s+", " "))
                .contains("workflowId", "inputs", "event", "waitMode", "timeoutMinutes", "onFailure")
                .contains("the text of a JSON object")
                .doesNotContain("UnsupportedOperationException", "do not know how to categorize", "Nested choice");
    }

    @Test
    void theBuildPageListsTheExecutions() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("runs");
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));
        FreeStyleBuild build = j.buildAndAssertSuccess(project);
        String id = server.executions().get(0).id();

        JenkinsRule.WebClient wc = j.createWebClient();
        assertThat(wc.getPage(build).asNormalizedText()).contains(WORKFLOW).contains("Completed");
        HtmlPage executions = wc.getPage(build, "blink/");
        assertThat(executions.asNormalizedText())
                .contains("Blink executions")
                .contains(id)
                .contains("Completed");
        assertThat(executions.getAnchorByText(WORKFLOW).getHrefAttribute())
                .isEqualTo(server.url() + "/workspace/" + BlinkFixture.WORKSPACE + "/workflow/" + WORKFLOW + "/edit");
    }

    @Test
    void aRunStartedWithoutWaitingAndWaitedForLaterIsOneRowWithItsSymbolAndDuration() throws Exception {
        WorkflowJob job = pipeline("""
                def r = blinkExecute workflowId: '%s', waitMode: 'NONE'
                blinkWait executionId: r.executionId
                """.formatted(WORKFLOW));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        String id = server.executions().get(0).id();

        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage executions = wc.getPage(run, "blink/");
        List<HtmlTableRow> rows = executions.getByXPath("(//table[contains(@class,'jenkins-table')])[1]/tbody/tr");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.getCell(1).asNormalizedText()).isEqualTo(id);
            // the symbol's own title says the state too
            assertThat(row.getCell(2).asNormalizedText()).contains("Completed").doesNotContain("null");
            assertThat(row.getCell(2).getElementsByTagName("svg"))
                    .as("status symbol")
                    .isNotEmpty();
            assertThat(row.getCell(3).asNormalizedText()).as("duration").isNotBlank();
            assertThat(row.getCell(4).asNormalizedText())
                    .as("nothing to remark")
                    .isEmpty();
        });
        String summary = wc.getPage(run).asNormalizedText().replaceAll("\\s+:", ":");
        assertThat(summary).containsOnlyOnce(WORKFLOW + ": Completed");
        assertThat(summary).doesNotContain(id);
    }
}
