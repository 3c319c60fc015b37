package io.jenkins.plugins.blinkops.core.client;

import static io.jenkins.plugins.blinkops.core.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.RecordedRequest;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.model.ConnectionCheck;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.model.StepResult;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes over the wire, byte for byte: paths, headers, query and body as blink-api.md says. */
class BlinkClientWireTest {
    private FakeBlinkServer server;
    private BlinkClient client;

    @BeforeEach
    void start() {
        server = FakeBlinkServer.start();
        server.workspace("ws-1", "Security Ops");
        server.workflow("ws-1", "wf-1").name("Rotate keys").outputs("{\"rotated\":3}");
        client = Fixtures.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RecordedRequest only(Route route) {
        assertThat(server.requests(route)).hasSize(1);
        return server.requests(route).get(0);
    }

    @Test
    void executeAsync() throws Exception {
        ExecutionRequest request = ExecutionRequest.builder("ws-1", "wf-1")
                .inputs(Map.of("target", "prod"))
                .triggerType("jenkins")
                .build();
        String id = client.startExecution(request);

        RecordedRequest sent = only(Route.EXECUTE);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v1/workspace/ws-1/playbooks/wf-1/execute");
        assertThat(sent.rawQuery()).isNull();
        assertThat(sent.header("BLINK-API-KEY")).isEqualTo(KEY);
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        assertThat(sent.header("User-Agent")).startsWith("blinkops-jenkins-plugin/");
        assertThat(sent.body())
                .matches(
                        "\\{\"input_values\":\\{\"target\":\"prod\"},\"event\":\\{\"jenkins\":\\{\"nonce\":\"[0-9a-f]{32}\"}},"
                                + "\"trigger_type\":\"jenkins\"}");
        assertThat(server.execution(id)).isNotNull();
        assertThat(server.execution(id).workflowId()).isEqualTo("wf-1");
    }

    @Test
    void executeSyncAsksBlinkToHoldTheRequest() throws Exception {
        Outputs outputs =
                client.executeSync(ExecutionRequest.builder("ws-1", "wf-1").build(), Duration.ofSeconds(42), 1000);

        RecordedRequest sent = only(Route.EXECUTE);
        assertThat(sent.path()).isEqualTo("/api/v1/workspace/ws-1/playbooks/wf-1/execute");
        assertThat(sent.query()).containsOnly(Map.entry("run_sync", "true"), Map.entry("timeout", "42"));
        assertThat(sent.rawQuery()).isEqualTo("run_sync=true&timeout=42");
        assertThat(sent.body()).matches("\\{\"event\":\\{\"jenkins\":\\{\"nonce\":\"[0-9a-f]{32}\"}}}");
        assertThat(outputs.values().get("rotated").getAsInt()).isEqualTo(3);
    }

    @Test
    void getExecution() throws Exception {
        String id =
                client.startExecution(ExecutionRequest.builder("ws-1", "wf-1").build());
        ExecutionStatus status = client.getExecution("ws-1", id, 1000);

        RecordedRequest sent = only(Route.GET_EXECUTION);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/api/v1/workspace/ws-1/executions/" + id);
        assertThat(sent.header("BLINK-API-KEY")).isEqualTo(KEY);
        assertThat(sent.body()).isEmpty();
        assertThat(status.executionId()).isEqualTo(id);
        assertThat(status.workflowName()).isEqualTo("Rotate keys");
        assertThat(status.state().isSuccess()).isTrue();
        // the reference's record has no outputs; by default the fake keeps step_results empty
        assertThat(status.stepResults()).isEqualTo(ExecutionSteps.NONE);
    }

    @Test
    void getSteps() throws Exception {
        server.workflow("ws-1", "broken")
                .endsWith("Failed")
                .failsAtStep("deploy")
                .error("disk full", "E_DISK");
        String id =
                client.startExecution(ExecutionRequest.builder("ws-1", "broken").build());

        List<StepResult> steps = client.getSteps("ws-1", id, 1000).steps();

        RecordedRequest sent = only(Route.GET_STEPS);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/api/v1/workspace/ws-1/executions/" + id + "/steps");
        assertThat(sent.header("BLINK-API-KEY")).isEqualTo(KEY);
        assertThat(steps)
                .extracting(StepResult::stepId, StepResult::failed, StepResult::errorMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("step-1", false, null),
                        org.assertj.core.groups.Tuple.tuple("deploy", true, "disk full"));
    }

    @Test
    void cancelExecution() throws Exception {
        server.workflow("ws-1", "slow").takes(Duration.ofMinutes(5));
        String id =
                client.startExecution(ExecutionRequest.builder("ws-1", "slow").build());

        assertThat(client.cancelExecution("ws-1", id)).isTrue();
        RecordedRequest sent = only(Route.CANCEL);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v1/workspace/ws-1/executions/" + id + "/cancel");
        assertThat(server.execution(id).cancelled()).isTrue();
        assertThat(client.cancelExecution("ws-1", id))
                .as("not running any more")
                .isFalse();
    }

    @Test
    void checkConnectionReadsKeyThenWorkspace() throws Exception {
        ConnectionCheck check = client.checkConnection("ws-1");

        assertThat(only(Route.USER_WORKSPACES).path()).isEqualTo("/api/v1/user-workspaces");
        assertThat(only(Route.GET_WORKSPACE).path()).isEqualTo("/api/v1/workspaces/ws-1");
        assertThat(check.workspaceId()).isEqualTo("ws-1");
        assertThat(check.workspaceName()).isEqualTo("Security Ops");
    }

    @Test
    void checkConnectionWithoutWorkspaceOnlyChecksTheKey() throws Exception {
        ConnectionCheck check = client.checkConnection(" ");
        assertThat(server.count(Route.GET_WORKSPACE)).isZero();
        assertThat(check.workspaceCount()).isEqualTo(1);
        assertThat(check.workspaceId()).isNull();
    }

    @Test
    void listWorkflowsAsksForTheMostTheApiAllows() throws Exception {
        server.workflow("ws-1", "wf-2").name("Quarantine host");
        List<WorkflowSummary> workflows = client.listWorkflows("ws-1");

        RecordedRequest sent = only(Route.LIST_WORKFLOWS);
        assertThat(sent.path()).isEqualTo("/api/v1/workspace/ws-1/playbooks");
        assertThat(sent.query()).containsExactly(Map.entry("q", "{\"offset\":0,\"limit\":1000}"));
        assertThat(workflows)
                .extracting(WorkflowSummary::id, WorkflowSummary::name)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("wf-1", "Rotate keys"),
                        org.assertj.core.groups.Tuple.tuple("wf-2", "Quarantine host"));
    }

    @Test
    void idsAreEncodedInThePath() throws Exception {
        server.workflow("ws-1", "wf:1").name("colon");
        client.startExecution(ExecutionRequest.builder("ws-1", "wf:1").build());
        assertThat(only(Route.EXECUTE).path()).isEqualTo("/api/v1/workspace/ws-1/playbooks/wf%3A1/execute");
        assertThat(server.executions())
                .singleElement()
                .extracting(e -> e.workflowId())
                .isEqualTo("wf:1");
    }

    @Test
    void aPastedApiPathIsNotDoubled() throws Exception {
        BlinkClient pasted = new BlinkClient(
                BlinkTransport.forSettings(Fixtures.settings(server.url() + "/api/v1/")), ApiKey.of(KEY));
        pasted.checkConnection(null);
        assertThat(only(Route.USER_WORKSPACES).path()).isEqualTo("/api/v1/user-workspaces");
    }

    @Test
    void oneTransportIsSharedPerSettingsAndItsConnectionsAreReturned() throws Exception {
        BlinkTransport a = BlinkTransport.forSettings(Fixtures.settings(server));
        assertThat(BlinkTransport.forSettings(Fixtures.settings(server))).isSameAs(a);
        assertThat(BlinkTransport.forSettings(Fixtures.settings(server).withMaxConcurrentRequests(3)))
                .isNotSameAs(a);
        for (int i = 0; i < 5; i++) {
            client.getExecution(
                    "ws-1",
                    client.startExecution(
                            ExecutionRequest.builder("ws-1", "wf-1").build()),
                    10);
        }
        assertThat(a.leasedConnections()).isZero();
    }

    @Test
    void aTransportOfItsOwnIsNotSharedAndClosesItsPool() throws Exception {
        BlinkTransport shared = BlinkTransport.forSettings(Fixtures.settings(server));
        try (BlinkTransport own = BlinkTransport.open(Fixtures.settings(server))) {
            assertThat(own).isNotSameAs(shared);
            new BlinkClient(own, ApiKey.of(KEY)).checkConnection(null);
            assertThat(own.leasedConnections()).isZero();
        }
        assertThat(BlinkTransport.forSettings(Fixtures.settings(server))).isSameAs(shared);
        assertThat(client.checkConnection(null).workspaceCount()).isEqualTo(1);
    }

    @Test
    void toStringOfTheClientHidesTheKey() {
        assertThat(client.toString()).doesNotContain(KEY).contains("****");
    }
}
