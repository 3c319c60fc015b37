package io.jenkins.plugins.blinkops.core.client;

import static io.jenkins.plugins.blinkops.core.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.LoopbackProxy;
import io.jenkins.plugins.blinkops.core.http.ProxySettings;
import io.jenkins.plugins.blinkops.core.model.ConnectionCheck;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests really go through the configured proxy, with its credentials, except to hosts that
 * bypass it. Blink's host here is a name that cannot resolve ({@code .invalid}), so an answer can
 * only have come through the proxy.
 */
class ProxyTest {
    private static final String UNRESOLVABLE_HOST = "http://blink.invalid";

    private FakeBlinkServer blink;

    @BeforeEach
    void start() {
        blink = FakeBlinkServer.start();
        blink.workspace("ws-1", "Ops");
        blink.workflow("ws-1", "wf-1");
    }

    @AfterEach
    void stop() {
        blink.close();
    }

    private static BlinkClient clientVia(ProxySettings proxy) {
        return new BlinkClient(
                BlinkTransport.forSettings(Fixtures.settings(UNRESOLVABLE_HOST).withProxy(proxy)), ApiKey.of(KEY));
    }

    @Test
    void callsGoThroughTheProxy() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.to(blink.url())) {
            BlinkClient client = clientVia(ProxySettings.of("127.0.0.1", proxy.port()));

            String id = client.startExecution(
                    ExecutionRequest.builder("ws-1", "wf-1").build());

            assertThat(proxy.targets)
                    .containsExactly(UNRESOLVABLE_HOST + "/api/v1/workspace/ws-1/playbooks/wf-1/execute");
            assertThat(blink.execution(id)).isNotNull();
            assertThat(blink.requests(Route.EXECUTE).get(0).header("BLINK-API-KEY"))
                    .isEqualTo(KEY);
        }
    }

    @Test
    void proxyCredentialsAreSentWhenTheProxyAsks() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.withCredentials(blink.url(), "jenkins", "pr0xy-pw")) {
            BlinkClient client =
                    clientVia(new ProxySettings("127.0.0.1", proxy.port(), "jenkins", "pr0xy-pw", List.of()));

            ConnectionCheck check = client.checkConnection("ws-1");

            assertThat(check.workspaceName()).isEqualTo("Ops");
            assertThat(proxy.challenged).isNotEmpty();
            assertThat(proxy.targets).contains(UNRESOLVABLE_HOST + "/api/v1/user-workspaces");
        }
    }

    @Test
    void wrongProxyCredentialsFailWithTheProxysStatus() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.withCredentials(blink.url(), "jenkins", "pr0xy-pw")) {
            BlinkClient client = clientVia(new ProxySettings("127.0.0.1", proxy.port(), "jenkins", "wrong", List.of()));

            BlinkApiException e = catchThrowableOfType(BlinkApiException.class, () -> client.checkConnection(null));

            assertThat(e.status()).isEqualTo(407);
            assertThat(e.getMessage())
                    .startsWith("The proxy refused the request")
                    .contains("Jenkins' proxy settings")
                    .doesNotContain("wrong")
                    .doesNotContain("pr0xy-pw");
            assertThat(blink.requests()).isEmpty();
        }
    }

    @Test
    void bypassedHostsGoDirect() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.to(blink.url())) {
            BlinkClient client = clientVia(
                    new ProxySettings("127.0.0.1", proxy.port(), null, null, List.of(Pattern.compile(".*\\.invalid"))));

            BlinkApiException e = catchThrowableOfType(BlinkApiException.class, () -> client.checkConnection(null));

            assertThat(e.getMessage()).contains("Cannot find the host of " + UNRESOLVABLE_HOST);
            assertThat(proxy.targets).isEmpty();
        }
    }

    @Test
    void aSynchronousRunGoesThroughTheProxyWithItsCredentials() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.withCredentials(blink.url(), "jenkins", "pr0xy-pw")) {
            BlinkClient client =
                    clientVia(new ProxySettings("127.0.0.1", proxy.port(), "jenkins", "pr0xy-pw", List.of()));

            Outputs outputs = client.executeSync(
                    ExecutionRequest.builder("ws-1", "wf-1").build(), java.time.Duration.ofSeconds(30), 1000);

            assertThat(outputs.values().get("result").getAsString()).isEqualTo("ok");
            assertThat(proxy.challenged).isNotEmpty();
            assertThat(proxy.targets)
                    .contains(UNRESOLVABLE_HOST
                            + "/api/v1/workspace/ws-1/playbooks/wf-1/execute?run_sync=true&timeout=30");
        }
    }

    @Test
    void aSynchronousRunToABypassedHostGoesDirect() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.to(blink.url())) {
            BlinkClient client = clientVia(
                    new ProxySettings("127.0.0.1", proxy.port(), null, null, List.of(Pattern.compile(".*\\.invalid"))));

            BlinkApiException e = catchThrowableOfType(
                    BlinkApiException.class,
                    () -> client.executeSync(
                            ExecutionRequest.builder("ws-1", "wf-1").build(), java.time.Duration.ofSeconds(30), 1000));

            assertThat(e.getMessage()).contains("Cannot find the host of " + UNRESOLVABLE_HOST);
            assertThat(proxy.targets).isEmpty();
        }
    }
}
