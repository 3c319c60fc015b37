package io.jenkins.plugins.blinkops.core.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each route of the fake answers in the shape of its reference fixture (member names, JSON types,
 * nesting), in every variant the fake offers, for a run that completed and one that failed.
 */
class FakeFollowsTheReferenceTest {
    private static final String KEY = "test-api-key";
    private final HttpClient client = HttpClient.newHttpClient();
    private FakeBlinkServer server;
    private String completed;
    private String failed;

    @BeforeEach
    void start() throws Exception {
        server = FakeBlinkServer.start().workspace("ws1", "Operations").workspace("ws2", "Security");
        server.workflow("ws1", "ok").name("Contain host").outputs("{\"verdict\":\"contained\"}");
        server.workflow("ws1", "broken")
                .endsWith("Failed")
                .failsAtStep("isolate")
                .error("EDR refused", "E1");
        completed = executionId(send("POST", "/workspace/ws1/playbooks/ok/execute", "{\"input_values\":{\"a\":1}}"));
        failed = executionId(send("POST", "/workspace/ws1/playbooks/broken/execute", "{}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyRouteHasAFixture() {
        Set<Route> covered = EnumSet.copyOf(ReferenceFixture.OF_ROUTE.keySet());
        covered.add(Route.EXECUTE);
        assertThat(covered).containsExactlyInAnyOrder(Route.values());
    }

    @ParameterizedTest
    @EnumSource(OutputsLocation.class)
    void everyReadingRouteAnswersInItsFixturesShape(OutputsLocation location) throws Exception {
        server.outputsIn(location);
        assertShape(Route.USER_WORKSPACES, send("GET", "/user-workspaces", null));
        assertShape(Route.GET_WORKSPACE, send("GET", "/workspaces/ws1", null));
        assertShape(Route.LIST_WORKFLOWS, send("GET", "/workspace/ws1/playbooks", null));
        assertShape(Route.GET_WORKFLOW, send("GET", "/workspace/ws1/playbooks/ok", null));
        assertShape(Route.LIST_EXECUTIONS, send("GET", "/workspace/ws1/executions", null));
        for (String id : new String[] {completed, failed}) {
            assertShape(Route.GET_EXECUTION, send("GET", "/workspace/ws1/executions/" + id, null));
            assertShape(Route.GET_STEPS, send("GET", "/workspace/ws1/executions/" + id + "/steps", null));
        }
    }

    @Test
    void executeAnswersInTheReferencesShapes() throws Exception {
        assertThat(differences("execute-async", send("POST", "/workspace/ws1/playbooks/ok/execute", "{}")))
                .isEmpty();
        assertThat(differences(
                        "execute-sync",
                        send("POST", "/workspace/ws1/playbooks/ok/execute?run_sync=true&timeout=5", "{}")))
                .isEmpty();
    }

    @Test
    void executeAcceptsTheReferencesRequestBodyCallbackIncluded() throws Exception {
        ReferenceFixture request = ReferenceFixture.load("execute-request");
        HttpResponse<String> response = send("POST", "/workspace/ws1/playbooks/ok/execute", request.text());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(differences("execute-async", response)).isEmpty();
        assertThat(server.execution(executionId(response)).startRequest().bodyJson())
                .isEqualTo(request.body());
    }

    @Test
    void cancelAnswersInTheOldSpecsShape() throws Exception {
        server.workflow("ws1", "long").takes(Duration.ofMinutes(5));
        String id = executionId(send("POST", "/workspace/ws1/playbooks/long/execute", "{}"));
        assertShape(Route.CANCEL, send("POST", "/workspace/ws1/executions/" + id + "/cancel", ""));
    }

    @Test
    void aWrongShapeIsCaught() {
        // the comparison itself can fail: a list where the reference has a map, a missing member
        assertThat(ReferenceFixture.load("user-workspaces").differencesFrom(JsonParser.parseString("[]")))
                .isNotEmpty();
        assertThat(ReferenceFixture.load("workspace")
                        .differencesFrom(JsonParser.parseString("{\"id\":\"w\",\"name\":\"n\"}")))
                .anyMatch(d -> d.contains("display_name: missing"));
        assertThat(ReferenceFixture.load("execution").differencesFrom(JsonParser.parseString("{\"outputs\":{}}")))
                .anyMatch(d -> d.contains("outputs: not in the reference"));
        // a request may leave members out, but not change their type nor add its own
        ReferenceFixture request = ReferenceFixture.load("execute-request");
        assertThat(request.differencesFrom(JsonParser.parseString("{\"callback\":{\"url\":\"u\"}}")))
                .isEmpty();
        assertThat(request.differencesFrom(JsonParser.parseString("{\"callback\":{\"url\":\"u\",\"headers\":[]}}")))
                .anyMatch(d -> d.contains("callback.headers: expected object"));
        assertThat(request.differencesFrom(JsonParser.parseString("{\"callback\":{\"url\":\"u\",\"token\":\"t\"}}")))
                .anyMatch(d -> d.contains("callback.token: not in the reference"));
    }

    private void assertShape(Route route, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(route + " status").isEqualTo(200);
        assertThat(differences(ReferenceFixture.OF_ROUTE.get(route), response))
                .as(route + " against its fixture")
                .isEmpty();
    }

    private static java.util.List<String> differences(String fixture, HttpResponse<String> response) {
        JsonElement answer = JsonParser.parseString(response.body());
        return ReferenceFixture.load(fixture).differencesFrom(answer);
    }

    private static String executionId(HttpResponse<String> response) {
        return JsonParser.parseString(response.body())
                .getAsJsonObject()
                .get("execution_id")
                .getAsString();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + Route.API_PREFIX + path))
                .header("BLINK-API-KEY", KEY)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
