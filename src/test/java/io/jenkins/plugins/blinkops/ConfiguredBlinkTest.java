package io.jenkins.plugins.blinkops;

import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What most Jenkins tests start from: a Jenkins with one connection to a fake Blink that knows the
 * key, the workspace and the workflow. The rule is taken once, here, as the harness asks: each
 * resolution of the parameter starts a Jenkins.
 */
@WithJenkins
public abstract class ConfiguredBlinkTest {
    protected JenkinsRule j;
    protected FakeBlinkServer server;

    @BeforeEach
    final void startJenkinsAndBlink(JenkinsRule rule) throws Exception {
        j = rule;
        server = BlinkFixture.startServer();
        BlinkFixture.configure(server);
    }

    @AfterEach
    final void stopBlink() {
        server.close();
    }

    /** A Pipeline job running {@code script} in the Groovy sandbox, as users' scripts run. */
    protected final WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
