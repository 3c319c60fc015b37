package io.jenkins.plugins.blinkops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.core.fake.Route;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

class BlinkGlobalConfigurationTest extends ConfiguredBlinkTest {
    private static final String TEST_CONNECTION =
            "descriptorByName/io.jenkins.plugins.blinkops.config.BlinkConnection/testConnection";

    /** The "Test connection" button, as an administrator and as a user who may only read. */
    private void secure() {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
    }

    @Test
    void hostUrlCheckWarnsWhenTheKeyWouldTravelUnencrypted() {
        BlinkConnection.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(BlinkConnection.DescriptorImpl.class);

        assertThat(descriptor.doCheckHostUrl("http://blink.corp.example").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(descriptor.doCheckHostUrl("https://eu1.blinkops.com/api/v1").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckHostUrl(server.url()).kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation notAUrl = descriptor.doCheckHostUrl("app.blinkops.com");
        assertThat(notAUrl.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(notAUrl.getMessage()).contains("hostUrl").contains("https://");
    }

    @Test
    void requestsPerSecondMustBeAWholeNumberWithinTheCeilingsRange() {
        BlinkConnection.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(BlinkConnection.DescriptorImpl.class);

        assertThat(descriptor.doCheckRequestsPerSecond("10").kind).isEqualTo(FormValidation.Kind.OK);
        for (String bad : new String[] {"0", "1001", "ten", ""}) {
            FormValidation check = descriptor.doCheckRequestsPerSecond(bad);
            assertThat(check.kind).as(bad).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(check.getMessage()).as(bad).contains("1 to 1000");
        }
        BlinkConnection connection = BlinkFixture.connection("production", server, BlinkFixture.CREDENTIALS_ID);
        assertThat(connection.getRequestsPerSecond()).isEqualTo(10);
        assertThatThrownBy(() -> connection.setRequestsPerSecond(0)).hasMessageContaining("requestsPerSecond");
    }

    @Test
    void configurationSurvivesTheForm() throws Exception {
        BlinkConnection production = BlinkFixture.connection("production", server, BlinkFixture.CREDENTIALS_ID);
        production.setConnectTimeoutSeconds(5);
        production.setResponseTimeoutSeconds(45);
        production.setCallTimeoutSeconds(120);
        production.setMaxConcurrentRequests(4);
        production.setCallbackEnabled(true);
        production.setCallbackUrl("https://jenkins.example.com/");
        BlinkConnection lab = new BlinkConnection("lab");
        lab.setHostUrl("https://eu1.blinkops.com");
        lab.setCredentialsId(BlinkFixture.CREDENTIALS_ID);
        BlinkGlobalConfiguration.get().setConnections(List.of(production, lab));

        j.configRoundtrip();

        j.assertEqualDataBoundBeans(
                List.of(production, lab), BlinkGlobalConfiguration.get().getConnections());
    }

    @Test
    void callbackUrlCheckNamesWhatIsWrong() {
        BlinkConnection.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(BlinkConnection.DescriptorImpl.class);

        assertThat(descriptor.doCheckCallbackUrl("https://jenkins.example.com/", true).kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckCallbackUrl("http://jenkins.example.com/", true).kind)
                .isEqualTo(FormValidation.Kind.WARNING);
        FormValidation notAUrl = descriptor.doCheckCallbackUrl("jenkins.example.com", true);
        assertThat(notAUrl.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(notAUrl.getMessage()).contains("jenkins.example.com").contains("http(s)");
        // blank: Jenkins' own URL, which the harness sets
        assertThat(descriptor.doCheckCallbackUrl("", true).kind).isEqualTo(FormValidation.Kind.OK);
        jenkins.model.JenkinsLocationConfiguration.get().setUrl(null);
        assertThat(descriptor.doCheckCallbackUrl("", true).kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(descriptor.doCheckCallbackUrl("", false).kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void testConnectionReallyAuthenticates() throws Exception {
        Page page = testConnection("admin", BlinkFixture.CREDENTIALS_ID);

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getWebResponse().getContentAsString())
                .contains("Connected to " + server.url())
                .contains("Security");
        assertThat(server.count(Route.USER_WORKSPACES)).isEqualTo(1);
        assertThat(server.count(Route.GET_WORKSPACE)).isEqualTo(1);
    }

    @Test
    void testConnectionReportsAWrongKey() throws Exception {
        BlinkFixture.addGlobalCredential("wrong-key", "not-the-key");

        Page page = testConnection("admin", "wrong-key");

        assertThat(page.getWebResponse().getContentAsString()).contains("rejected the API key");
    }

    @Test
    void testConnectionIsForAdministratorsOnly() throws Exception {
        Page page = testConnection("reader", BlinkFixture.CREDENTIALS_ID);

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(server.requests()).isEmpty();
    }

    /** The connection's key is the administrator's: the System scope, where no job can bind it, is what it should have. */
    @Test
    void testConnectionAcceptsASystemScopedKey() throws Exception {
        SystemCredentialsProvider system = SystemCredentialsProvider.getInstance();
        system.getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.SYSTEM,
                        "system-key",
                        "the administrator's",
                        Secret.fromString(BlinkFixture.API_KEY)));
        system.save();

        Page page = testConnection("admin", "system-key");

        assertThat(page.getWebResponse().getContentAsString()).contains("Connected to");
        assertThat(server.requests()).isNotEmpty();
    }

    private Page testConnection(String user, String credentialsId) throws Exception {
        secure();
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        String query = "?hostUrl=" + URLEncoder.encode(server.url(), StandardCharsets.UTF_8) + "&credentialsId="
                + credentialsId + "&defaultWorkspaceId=" + BlinkFixture.WORKSPACE
                + "&connectTimeoutSeconds=5&responseTimeoutSeconds=5&callTimeoutSeconds=10&maxConcurrentRequests=2";
        return wc.getPage(new WebRequest(wc.createCrumbedUrl(TEST_CONNECTION + query), HttpMethod.POST));
    }
}
