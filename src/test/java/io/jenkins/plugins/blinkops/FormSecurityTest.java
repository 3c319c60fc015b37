package io.jenkins.plugins.blinkops;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Form methods answer only those who may configure the job, and only to POST. */
@WithJenkins
class FormSecurityTest {
    private static final String BUILDER = "descriptorByName/io.jenkins.plugins.blinkops.BlinkExecuteBuilder/";

    private FakeBlinkServer server;
    private FreeStyleProject project;

    @BeforeEach
    void setUp(JenkinsRule j) throws Exception {
        server = BlinkFixture.startServer();
        BlinkFixture.configure(server);
        project = j.createFreeStyleProject("guarded");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("developer"));
    }

    @AfterEach
    void stopBlink() {
        server.close();
    }

    @Test
    void aDeveloperSeesTheWorkflowAndTheCredentials(JenkinsRule j) throws Exception {
        assertThat(post(j, "developer", "checkWorkflowId?value=" + WORKFLOW)).contains("Contain host");
        assertThat(post(j, "developer", "fillWorkflowIdItems")).contains(WORKFLOW);
        assertThat(post(j, "developer", "fillCredentialsIdItems")).contains(BlinkFixture.CREDENTIALS_ID);
        assertThat(post(j, "developer", "fillConnectionItems")).contains(BlinkFixture.CONNECTION);
    }

    @Test
    void aReaderLearnsNothingAndNoKeyIsUsed(JenkinsRule j) throws Exception {
        assertThat(post(j, "reader", "checkWorkflowId?value=" + WORKFLOW)).doesNotContain("Contain host");
        assertThat(post(j, "reader", "fillWorkflowIdItems")).doesNotContain(WORKFLOW);
        assertThat(post(j, "reader", "fillCredentialsIdItems")).doesNotContain(BlinkFixture.CREDENTIALS_ID);
        assertThat(post(j, "reader", "fillConnectionItems")).doesNotContain(BlinkFixture.CONNECTION);
        assertThat(post(j, "reader", "checkCredentialsId?value=missing")).doesNotContain("missing");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void formMethodsRefuseGet(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("developer");
        for (String method : new String[] {
            "checkWorkflowId?value=" + WORKFLOW, "fillWorkflowIdItems", "fillCredentialsIdItems", "checkEventJson"
        }) {
            URL url = j.getURL()
                    .toURI()
                    .resolve(project.getUrl() + BUILDER + method)
                    .toURL();
            Page page = wc.getPage(new WebRequest(url, HttpMethod.GET));
            assertThat(page.getWebResponse().getStatusCode()).as(method).isEqualTo(405);
        }
        assertThat(server.requests()).isEmpty();
    }

    private String post(JenkinsRule j, String user, String method) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        Page page =
                wc.getPage(new WebRequest(wc.createCrumbedUrl(project.getUrl() + BUILDER + method), HttpMethod.POST));
        assertThat(page.getWebResponse().getStatusCode()).as(method).isEqualTo(200);
        return page.getWebResponse().getContentAsString();
    }
}
