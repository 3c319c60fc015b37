package io.jenkins.plugins.blinkops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import java.util.List;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/** A connection changed or removed in Jenkins' configuration leaves no HTTP client behind. */
class ConnectionReconfigurationTest extends ConfiguredBlinkTest {

    @Test
    void twentyReconfigurationsLeaveOneTransportForBuildsAndOneForForms() throws Exception {
        BlinkTransport.retainOnly(List.of());
        int before = BlinkTransport.openTransports();
        for (int i = 1; i <= 19; i++) {
            BlinkConnection changed =
                    BlinkFixture.connection(BlinkFixture.CONNECTION, server, BlinkFixture.CREDENTIALS_ID);
            changed.setCallTimeoutSeconds(60 + i);
            // as Configuration as Code sets it
            BlinkGlobalConfiguration.get().setConnections(List.of(changed));
            callAsBuildAndAsForm();
        }
        // the twentieth through the form of Manage Jenkins › System
        HtmlPage page = j.createWebClient().goTo("manage/configure");
        HtmlForm form = page.getFormByName("config");
        form.getInputByName("_.callTimeoutSeconds").setValue("99");
        j.submit(form);
        assertThat(BlinkGlobalConfiguration.get().getConnections())
                .singleElement()
                .satisfies(c -> assertThat(c.getCallTimeoutSeconds()).isEqualTo(99));
        callAsBuildAndAsForm();

        assertThat(BlinkTransport.openTransports() - before).isEqualTo(2);

        BlinkGlobalConfiguration.get().setConnections(List.of());
        assertThat(BlinkTransport.openTransports()).as("the connection removed").isEqualTo(before);
    }

    /** A call as a build makes it, and one as a page of the job's form: each over a shared transport. */
    private void callAsBuildAndAsForm() throws Exception {
        BlinkConnection connection = BlinkSession.find(BlinkFixture.CONNECTION);
        connection
                .client(ApiKeyCredentials.ofConnection(BlinkFixture.CREDENTIALS_ID, connection.getHostUrl()))
                .checkConnection(BlinkFixture.WORKSPACE);
        BlinkSession.forItem(null, BlinkFixture.CONNECTION, null).client().checkConnection(BlinkFixture.WORKSPACE);
    }
}
