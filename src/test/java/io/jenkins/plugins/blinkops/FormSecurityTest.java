package io.jenkins.plugins.blinkops;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * Form methods answer only those who may configure the job, and only to POST: for each descriptor,
 * since the Pipeline steps' endpoints come from interfaces and the others' from a base class as well.
 */
class FormSecurityTest extends ConfiguredBlinkTest {
    private static final String BUILDER = "io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder";
    private static final String POST_BUILD = "io.jenkins.plugins.blinkops.freestyle.BlinkPostBuildAction";
    private static final String STEP = "io.jenkins.plugins.blinkops.steps.BlinkExecuteStep";
    private static final String WAIT = "io.jenkins.plugins.blinkops.steps.BlinkWaitStep";
    private static final String CANCEL = "io.jenkins.plugins.blinkops.steps.BlinkCancelStep";
    private static final String CANCEL_BUILDER = "io.jenkins.plugins.blinkops.freestyle.BlinkCancelBuilder";
    private static final List<String> SHARED_METHODS =
            List.of("checkWorkflowId?value=" + WORKFLOW, "fillWorkflowIdItems", "fillCredentialsIdItems");

    private FreeStyleProject project;

    @BeforeEach
    void setUp() throws Exception {
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

    @ParameterizedTest
    @ValueSource(strings = {BUILDER, POST_BUILD, STEP})
    void aDeveloperSeesTheWorkflowAndTheCredentials(String descriptor) throws Exception {
        assertThat(post("developer", descriptor, "checkWorkflowId?value=" + WORKFLOW))
                .contains("Contain host");
        assertThat(post("developer", descriptor, "fillWorkflowIdItems")).contains(WORKFLOW);
        assertThat(post("developer", descriptor, "fillCredentialsIdItems")).contains(BlinkFixture.CREDENTIALS_ID);
        assertThat(post("developer", descriptor, "fillConnectionItems")).contains(BlinkFixture.CONNECTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {BUILDER, POST_BUILD, STEP})
    void aReaderLearnsNothingAndNoKeyIsUsed(String descriptor) throws Exception {
        assertThat(post("reader", descriptor, "checkWorkflowId?value=" + WORKFLOW))
                .doesNotContain("Contain host");
        assertThat(post("reader", descriptor, "fillWorkflowIdItems")).doesNotContain(WORKFLOW);
        assertThat(post("reader", descriptor, "fillCredentialsIdItems")).doesNotContain(BlinkFixture.CREDENTIALS_ID);
        assertThat(post("reader", descriptor, "fillConnectionItems")).doesNotContain(BlinkFixture.CONNECTION);
        assertThat(post("reader", descriptor, "checkCredentialsId?value=missing"))
                .doesNotContain("missing");
        assertThat(server.requests()).isEmpty();
    }

    /**
     * blinkWait, blinkCancel and the freestyle cancel step name an execution, not a workflow: they
     * have the other fields' endpoints.
     */
    @ParameterizedTest
    @ValueSource(strings = {WAIT, CANCEL, CANCEL_BUILDER})
    void theStepsThatNameAnExecutionAnswerOnlyThoseWhoMayConfigure(String descriptor) throws Exception {
        assertThat(post("developer", descriptor, "fillCredentialsIdItems")).contains(BlinkFixture.CREDENTIALS_ID);
        assertThat(post("developer", descriptor, "fillConnectionItems")).contains(BlinkFixture.CONNECTION);
        assertThat(post("developer", descriptor, "checkExecutionId?value=")).contains("execution id is required");
        assertThat(post("reader", descriptor, "fillCredentialsIdItems")).doesNotContain(BlinkFixture.CREDENTIALS_ID);
        assertThat(post("reader", descriptor, "fillConnectionItems")).doesNotContain(BlinkFixture.CONNECTION);
        assertThat(post("reader", descriptor, "checkExecutionId?value=")).doesNotContain("required");
        assertThat(server.requests()).isEmpty();
    }

    /** The event as JSON text is a field of the build step and the post-build action only. */
    static Stream<Arguments> formMethods() {
        List<String> withEvent = new ArrayList<>(SHARED_METHODS);
        withEvent.add("checkEventJson");
        return Stream.of(
                Arguments.of(BUILDER, withEvent),
                Arguments.of(POST_BUILD, withEvent),
                Arguments.of(STEP, SHARED_METHODS),
                Arguments.of(WAIT, List.of("fillCredentialsIdItems", "checkExecutionId", "checkTimeoutMinutes")),
                Arguments.of(CANCEL, List.of("fillConnectionItems", "checkWorkspaceId", "checkExecutionId")),
                Arguments.of(
                        CANCEL_BUILDER,
                        List.of(
                                "fillConnectionItems",
                                "checkConnection",
                                "fillCredentialsIdItems",
                                "checkCredentialsId",
                                "checkWorkspaceId",
                                "checkExecutionId")));
    }

    @ParameterizedTest
    @MethodSource("formMethods")
    void formMethodsRefuseGet(String descriptor, List<String> methods) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("developer");
        for (String method : methods) {
            URL url = j.getURL()
                    .toURI()
                    .resolve(project.getUrl() + "descriptorByName/" + descriptor + "/" + method)
                    .toURL();
            int callsToBlink = server.requests().size();
            Page page = wc.getPage(new WebRequest(url, HttpMethod.GET));
            // Stapler's @POST hides a web method from every other verb: a GET finds nothing there
            assertThat(page.getWebResponse().getStatusCode()).as(method).isEqualTo(404);
            assertThat(server.requests()).as(method).hasSize(callsToBlink);
            // ... while the same method answers a POST, so the 404 is the verb's doing, not a typo
            post("developer", descriptor, method);
        }
    }

    private String post(String user, String descriptor, String method) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        String path = project.getUrl() + "descriptorByName/" + descriptor + "/" + method;
        Page page = wc.getPage(new WebRequest(wc.createCrumbedUrl(path), HttpMethod.POST));
        assertThat(page.getWebResponse().getStatusCode()).as(method).isEqualTo(200);
        return page.getWebResponse().getContentAsString();
    }
}
