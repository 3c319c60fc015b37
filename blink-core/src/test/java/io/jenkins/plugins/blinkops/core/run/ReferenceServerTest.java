package io.jenkins.plugins.blinkops.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.ReferenceFixture;
import io.jenkins.plugins.blinkops.core.model.ConnectionCheck;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine, as the Jenkins layer drives it, against a server that answers nothing but the
 * reference's own shapes (the fixtures, byte for byte): no fake, no engine assumption in between.
 */
class ReferenceServerTest {
    private static final String WS = "ws-security";
    private static final String WF = "wf-contain-host";
    private static final String EXECUTION = "a22f642a-f4fc-4c66-b978-6f1d1008e6ae";
    private static final Map<String, String> ANSWERS = Map.of(
            "GET /api/v1/user-workspaces",
            "user-workspaces",
            "GET /api/v1/workspaces/" + WS,
            "workspace",
            "GET /api/v1/workspace/" + WS + "/playbooks",
            "playbooks",
            "POST /api/v1/workspace/" + WS + "/playbooks/" + WF + "/execute",
            "execute-async",
            "GET /api/v1/workspace/" + WS + "/executions/" + EXECUTION,
            "execution",
            "GET /api/v1/workspace/" + WS + "/executions/" + EXECUTION + "/steps",
            "steps");

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Fixtures.CapturedLog log = new Fixtures.CapturedLog();
    private HttpServer http;
    private BlinkClient client;

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::answer);
        http.start();
        client = Fixtures.client("http://127.0.0.1:" + http.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request =
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        requests.add(request);
        String fixture = ANSWERS.get(request);
        byte[] body = (fixture == null
                        ? "{\"status\":404,\"message\":\"Not found\"}"
                        : ReferenceFixture.load(fixture).text())
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(fixture == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void testConnectionCountsTheWorkspacesMapAndNamesTheWorkspace() throws Exception {
        ConnectionCheck check = client.checkConnection(WS);

        assertThat(check.workspaceCount()).isEqualTo(2);
        assertThat(check.workspaceId()).isEqualTo("ws-security");
        assertThat(check.workspaceName()).isEqualTo("Security");
        assertThat(requests).containsExactly("GET /api/v1/user-workspaces", "GET /api/v1/workspaces/" + WS);
    }

    @Test
    void theWorkflowListIsReadFromThePlaybooksPage() throws Exception {
        assertThat(client.listWorkflows(WS)).extracting(WorkflowSummary::name).containsExactly("Contain host");
    }

    @Test
    void aFollowedRunEndsWithTheOutputsOfItsLastStep() throws Exception {
        WorkflowRunner runner = new WorkflowRunner(client, Fixtures.options(WaitMode.FOLLOW), log.log);

        ExecutionOutcome outcome = runner.run(ExecutionRequest.builder(WS, WF).build());

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.executionId()).isEqualTo(EXECUTION);
        assertThat(outcome.outputs().values().get("verdict").getAsString()).isEqualTo("contained");
        assertThat(outcome.outputs().values().get("hosts").getAsInt()).isEqualTo(2);
        assertThat(log.text()).contains("those of step S2").doesNotContain("could not");
        // only documented calls (and the steps Blink's own client reads), each once
        assertThat(requests)
                .containsExactly(
                        "POST /api/v1/workspace/" + WS + "/playbooks/" + WF + "/execute",
                        "GET /api/v1/workspace/" + WS + "/executions/" + EXECUTION,
                        "GET /api/v1/workspace/" + WS + "/executions/" + EXECUTION + "/steps");
    }
}
