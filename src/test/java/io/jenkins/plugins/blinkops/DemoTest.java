package io.jenkins.plugins.blinkops;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.FreeStyleProject;
import hudson.security.ACL;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkMain;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The demo of {@code ./mvnw hpi:run} ({@code src/demo/}) keeps working: its Configuration as Code
 * and its three jobs, loaded as the demo loads them, run against the fake Blink it starts.
 */
@WithJenkins
class DemoTest {
    private static final Path DEMO = Path.of("src/demo");

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule r) {
        j = r;
    }

    @Test
    void theDemoJobsRunAWorkflowAndShowItsOutputs() throws Exception {
        ConfigurationAsCode.get().configure(DEMO.resolve("jenkins.yaml").toString());
        BlinkConnection connection =
                BlinkGlobalConfiguration.get().getConnections().get(0);
        assertThat(URI.create(connection.getHostUrl()).getHost()).isEqualTo("127.0.0.1");
        StringCredentials key =
                CredentialsProvider.lookupCredentialsInItemGroup(
                                StringCredentials.class, j.jenkins, ACL.SYSTEM2, List.of())
                        .stream()
                        .filter(c -> c.getId().equals(connection.getCredentialsId()))
                        .findFirst()
                        .orElseThrow();
        assertThat(key.getScope()).isEqualTo(CredentialsScope.SYSTEM);
        loadJob("blink-demo-freestyle");
        loadJob("blink-demo-pipeline");
        loadJob("blink-demo-approval");

        try (FakeBlinkServer blink =
                FakeBlinkMain.startForDemo(0, key.getSecret().getPlainText())) {
            // the demo's own port may be taken where tests run: only the port differs
            connection.setHostUrl(blink.url());
            BlinkGlobalConfiguration.get().setConnections(List.of(connection));

            j.assertLogContains(
                    "\"verdict\": \"contained\"",
                    j.buildAndAssertSuccess(
                            j.jenkins.getItemByFullName("blink-demo-freestyle", FreeStyleProject.class)));
            j.assertLogContains(
                    "ended Completed: verdict=contained, hosts=1",
                    j.buildAndAssertSuccess(j.jenkins.getItemByFullName("blink-demo-pipeline", WorkflowJob.class)));
            WorkflowRun approved =
                    j.buildAndAssertSuccess(j.jenkins.getItemByFullName("blink-demo-approval", WorkflowJob.class));
            j.assertLogContains("is paused in Blink", approved);
            j.assertLogContains("ended Completed after its approval: rotated=3", approved);
        }
    }

    /** As {@code src/demo/init.groovy.d/blink-demo.groovy} does: the job's name is its file's. */
    private void loadJob(String name) throws Exception {
        try (InputStream xml = Files.newInputStream(DEMO.resolve("jobs").resolve(name + ".xml"))) {
            j.jenkins.createProjectFromXML(name, xml);
        }
    }
}
