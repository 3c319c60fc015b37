package io.jenkins.plugins.blinkops;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Run;
import io.jenkins.plugins.blinkops.call.BlinkExecutionAction;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import io.jenkins.plugins.blinkops.freestyle.BlinkPostBuildAction;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What was saved under the classes' names before they moved into packages still loads. */
@WithJenkins
class PersistedNamesTest {
    private static final String FLAT = "io.jenkins.plugins.blinkops.";

    private JenkinsRule j;

    @BeforeEach
    void start(JenkinsRule rule) {
        j = rule;
    }

    @Test
    void theGlobalConfigurationSavedBeforeTheMoveLoads() throws Exception {
        String xml = "<?xml version='1.1' encoding='UTF-8'?>\n"
                + "<" + FLAT + "BlinkGlobalConfiguration plugin=\"blinkops@1.0\">\n"
                + "  <connections>\n"
                + "    <" + FLAT + "BlinkConnection>\n"
                + "      <name>legacy</name>\n"
                + "      <hostUrl>https://eu1.blinkops.com</hostUrl>\n"
                + "      <credentialsId>blink-key</credentialsId>\n"
                + "      <defaultWorkspaceId>ws-old</defaultWorkspaceId>\n"
                + "    </" + FLAT + "BlinkConnection>\n"
                + "  </connections>\n"
                + "</" + FLAT + "BlinkGlobalConfiguration>\n";
        Files.writeString(j.jenkins.getRootDir().toPath().resolve(FLAT + "BlinkGlobalConfiguration.xml"), xml);

        BlinkGlobalConfiguration configuration = BlinkGlobalConfiguration.get();
        configuration.load();

        assertThat(configuration.getConnections()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("legacy");
            assertThat(c.getHostUrl()).isEqualTo("https://eu1.blinkops.com");
            assertThat(c.getDefaultWorkspaceId()).isEqualTo("ws-old");
        });

        configuration.save();
        assertThat(j.jenkins.getRootDir().toPath().resolve(FLAT + "BlinkGlobalConfiguration.xml"))
                .content()
                .contains("<" + BlinkConnection.class.getName() + ">")
                .contains("<name>legacy</name>");
    }

    @Test
    void aJobSavedBeforeTheMoveLoadsItsStepsAndItsPostBuildAction() throws Exception {
        String xml = "<?xml version='1.1' encoding='UTF-8'?>\n"
                + "<project>\n"
                + "  <builders>\n"
                + "    <" + FLAT + "BlinkExecuteBuilder>\n"
                + "      <workflowId>wf-contain-host</workflowId>\n"
                + "      <inputs>\n"
                + "        <" + FLAT + "BlinkInput><name>host</name><value>web-1</value></" + FLAT + "BlinkInput>\n"
                + "      </inputs>\n"
                + "      <waitMode>NONE</waitMode>\n"
                + "    </" + FLAT + "BlinkExecuteBuilder>\n"
                + "  </builders>\n"
                + "  <publishers>\n"
                + "    <" + FLAT + "BlinkPostBuildAction>\n"
                + "      <workflowId>wf-notify</workflowId>\n"
                + "      <condition>FAILURE</condition>\n"
                + "    </" + FLAT + "BlinkPostBuildAction>\n"
                + "  </publishers>\n"
                + "</project>\n";

        FreeStyleProject job = (FreeStyleProject) j.jenkins.createProjectFromXML(
                "saved-before", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        BlinkExecuteBuilder step = job.getBuildersList().get(BlinkExecuteBuilder.class);
        assertThat(step.getWorkflowId()).isEqualTo("wf-contain-host");
        assertThat(step.getInputs()).singleElement().satisfies(input -> {
            assertThat(input.getName()).isEqualTo("host");
            assertThat(input.getValue()).isEqualTo("web-1");
        });
        assertThat(step.getWaitMode().name()).isEqualTo("NONE");
        BlinkPostBuildAction action = job.getPublishersList().get(BlinkPostBuildAction.class);
        assertThat(action.getWorkflowId()).isEqualTo("wf-notify");
        assertThat(action.getCondition().name()).isEqualTo("FAILURE");
    }

    @Test
    void aBuildRecordSavedBeforeTheMoveLoadsItsExecutions() {
        String xml = "<" + FLAT + "BlinkExecutionAction>\n"
                + "  <executions>\n"
                + "    <" + FLAT + "BlinkExecutionAction_-Execution>\n"
                + "      <workflowId>wf-contain-host</workflowId>\n"
                + "      <executionId>a22f642a-f4fc-4c66-b978-6f1d1008e6ae</executionId>\n"
                + "      <state>Completed</state>\n"
                + "      <success>true</success>\n"
                + "    </" + FLAT + "BlinkExecutionAction_-Execution>\n"
                + "  </executions>\n"
                + "</" + FLAT + "BlinkExecutionAction>\n";

        Object loaded = Run.XSTREAM2.fromXML(xml);

        assertThat(loaded).isInstanceOf(BlinkExecutionAction.class);
        assertThat(((BlinkExecutionAction) loaded).getExecutions())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getExecutionId()).isEqualTo("a22f642a-f4fc-4c66-b978-6f1d1008e6ae");
                    assertThat(e.getState()).isEqualTo("Completed");
                });
    }
}
