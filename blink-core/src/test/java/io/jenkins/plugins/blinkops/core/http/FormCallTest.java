package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import org.junit.jupiter.api.Test;

/** A call a person waits for in a form is tried once and bounded by a short timeout. */
class FormCallTest {

    @Test
    void formCallsHaveNoRetryAndAtMostFifteenSeconds() {
        ConnectionSettings form = ConnectionSettings.of(BlinkHost.parse("https://app.blinkops.com"))
                .forFormCall();
        assertThat(form.retryPolicy()).isEqualTo(RetryPolicy.NONE);
        assertThat(form.callTimeout()).isLessThanOrEqualTo(ConnectionSettings.FORM_CALL_TIMEOUT);
        assertThat(form.responseTimeout()).isLessThanOrEqualTo(ConnectionSettings.FORM_CALL_TIMEOUT);
        assertThat(form.connectTimeout()).isLessThanOrEqualTo(ConnectionSettings.FORM_CALL_TIMEOUT);
    }

    @Test
    void aFailingFormCallIsSentOnce() {
        try (FakeBlinkServer server = FakeBlinkServer.start();
                BlinkTransport transport = BlinkTransport.open(
                        ConnectionSettings.of(BlinkHost.parse(server.url())).forFormCall())) {
            server.fault(Route.USER_WORKSPACES, Fault.status(502), 5);
            BlinkClient client = new BlinkClient(transport, ApiKey.of("test-api-key"));

            assertThatThrownBy(() -> client.checkConnection(null)).isInstanceOf(BlinkApiException.class);
            assertThat(server.count(Route.USER_WORKSPACES)).isEqualTo(1);
        }
    }
}
