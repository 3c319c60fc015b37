package io.jenkins.plugins.blinkops.core.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fake itself, driven by the JDK's HttpClient only, so a bug in the engine cannot hide one here. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeBlinkServerTest {

    private static final String KEY = "test-api-key";
    private static final long T0 = 1_700_000_000_000L;

    private final AtomicLong time = new AtomicLong(T0);
    private final HttpClient client = HttpClient.newHttpClient();
    private FakeBlinkServer server;

    @BeforeEach
    void start() {
        server = FakeBlinkServer.start().workspace("ws1", "Operations");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- discovery routes

    @Test
    void userWorkspacesMapsTheWorkspacesTheKeyCanSee() throws Exception {
        server.workspace("ws2", "Security").forbiddenWorkspace("ws3");

        HttpResponse<String> response = get("/user-workspaces");

        assertThat(response.statusCode()).isEqualTo(200);
        // "Returns a map of all workspaces the authenticated user has access to"
        JsonObject workspaces = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(workspaces.keySet()).containsExactly("ws1", "ws2");
        JsonObject first = workspaces.getAsJsonObject("ws1");
        assertThat(first.get("id").getAsString()).isEqualTo("ws1");
        assertThat(first.get("name").getAsString()).isEqualTo("Operations");
        assertThat(first.get("display_name").getAsString()).isEqualTo("Operations");
    }

    @Test
    void getWorkspaceAnswersItsIdAndName() throws Exception {
        JsonObject ws = json(get("/workspaces/ws1"));

        assertThat(ws.get("id").getAsString()).isEqualTo("ws1");
        assertThat(ws.get("name").getAsString()).isEqualTo("Operations");
        assertThat(ws.get("display_name").getAsString()).isEqualTo("Operations");
    }

    @Test
    void unknownWorkspaceIs404AndForbiddenWorkspaceIs403() throws Exception {
        server.forbiddenWorkspace("secret");
        server.workflow("secret", "wf");

        HttpResponse<String> unknown = get("/workspaces/nope");
        HttpResponse<String> forbidden = get("/workspaces/secret");
        HttpResponse<String> forbiddenRun = post("/workspace/secret/playbooks/wf/execute", "{}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(message(unknown)).isEqualTo("Workspace not found");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(JsonParser.parseString(forbidden.body())
                        .getAsJsonObject()
                        .get("status")
                        .getAsInt())
                .isEqualTo(403);
        assertThat(forbiddenRun.statusCode()).isEqualTo(403);
        assertThat(server.executions()).isEmpty();
    }

    @Test
    void wrongOrMissingKeyIs401() throws Exception {
        server.apiKey("right");

        HttpResponse<String> wrong = send("GET", "/user-workspaces", "wrong", null);
        HttpResponse<String> missing = send("GET", "/user-workspaces", null, null);
        HttpResponse<String> right = send("GET", "/user-workspaces", "right", null);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"status\":401,\"message\":\"Unauthorized: invalid API key\"}");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
    }

    @Test
    void listWorkflowsHonoursOffsetAndLimit() throws Exception {
        server.workflow("ws1", "a").name("Alpha");
        server.workflow("ws1", "b").name("Beta");
        server.workflow("ws1", "c").name("Gamma");

        JsonObject all = json(get("/workspace/ws1/playbooks"));
        JsonObject page = json(get("/workspace/ws1/playbooks?q=" + encode("{\"offset\":1,\"limit\":1}")));

        assertThat(all.get("total").getAsInt()).isEqualTo(3);
        assertThat(all.getAsJsonArray("results")).hasSize(3);
        assertThat(page.get("total").getAsInt()).isEqualTo(3);
        JsonArray results = page.getAsJsonArray("results");
        assertThat(results).hasSize(1);
        JsonObject beta = results.get(0).getAsJsonObject();
        assertThat(beta.get("id").getAsString()).isEqualTo("b");
        assertThat(beta.get("name").getAsString()).isEqualTo("Beta");
        assertThat(beta.get("active").getAsBoolean()).isTrue();
    }

    @Test
    void listWorkflowsRejectsAQueryThatIsNotRql() throws Exception {
        assertThat(get("/workspace/ws1/playbooks?q=" + encode("not json")).statusCode())
                .isEqualTo(400);
        assertThat(get("/workspace/ws1/playbooks?q=" + encode("{\"limit\":5000}"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void getWorkflowAnswersItOrCanNotFindPlaybook() throws Exception {
        server.workflow("ws1", "deploy").name("Deploy service");

        JsonObject wf = json(get("/workspace/ws1/playbooks/deploy"));
        HttpResponse<String> unknown = get("/workspace/ws1/playbooks/nope");

        assertThat(wf.get("id").getAsString()).isEqualTo("deploy");
        assertThat(wf.get("name").getAsString()).isEqualTo("Deploy service");
        assertThat(wf.get("active").getAsBoolean()).isTrue();
        assertThat(wf.get("custom_timeout").getAsInt()).isZero();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"status\":404,\"message\":\"Can not find Playbook\"}");
    }

    @Test
    void unknownPathIs404AndStillRecorded() throws Exception {
        HttpResponse<String> response = get("/no-such-thing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/api/v1/no-such-thing");
    }

    // ---- execute and follow

    @Test
    void asyncExecuteCreatesAnExecutionThatEchoesTheRequest() throws Exception {
        server.workflow("ws1", "deploy").name("Deploy");
        String body = "{\"input_values\":{\"env\":\"prod\",\"count\":3,\"dry\":false},"
                + "\"event\":{\"source\":\"jenkins\"},\"trigger_type\":\"jenkins\"}";

        HttpResponse<String> started = post("/workspace/ws1/playbooks/deploy/execute", body);

        assertThat(started.statusCode()).isEqualTo(200);
        String id = json(started).get("execution_id").getAsString();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        FakeExecution execution = server.execution(id);
        assertThat(execution.workspaceId()).isEqualTo("ws1");
        assertThat(execution.workflowId()).isEqualTo("deploy");
        assertThat(execution.startRequest().bodyJson()).isEqualTo(JsonParser.parseString(body));

        JsonObject state = json(get("/workspace/ws1/executions/" + id));
        assertThat(state.get("id").getAsString()).isEqualTo(id);
        assertThat(state.get("playbook_id").getAsString()).isEqualTo("deploy");
        assertThat(state.get("playbook_name").getAsString()).isEqualTo("Deploy");
        assertThat(state.get("state").getAsString()).isEqualTo("Completed");
        assertThat(state.get("state_ui").getAsString()).isEqualTo("Completed");
        assertThat(state.get("inputs"))
                .isEqualTo(JsonParser.parseString("{\"env\":\"prod\",\"count\":3,\"dry\":false}"));
        assertThat(state.get("event")).isEqualTo(JsonParser.parseString("{\"source\":\"jenkins\"}"));
        assertThat(state.get("trigger_type").getAsString()).isEqualTo("jenkins");
        assertThat(state.getAsJsonObject("error_details").isEmpty()).isTrue();
        // the reference's record has no outputs: they are the last step's output_data
        assertThat(state.has("outputs")).isFalse();
        assertThat(lastStep(id).get("output_data")).isEqualTo(JsonParser.parseString("{\"result\":\"ok\"}"));
    }

    @Test
    void executeBodyThatIsNotAJsonObjectIs400AndStartsNothing() throws Exception {
        server.workflow("ws1", "deploy");

        assertThat(post("/workspace/ws1/playbooks/deploy/execute", "[1,2]").statusCode())
                .isEqualTo(400);
        assertThat(post("/workspace/ws1/playbooks/deploy/execute", "{broken").statusCode())
                .isEqualTo(400);
        assertThat(post("/workspace/ws1/playbooks/deploy/execute", "").statusCode())
                .isEqualTo(400);
        assertThat(post("/workspace/ws1/playbooks/nope/execute", "{}").statusCode())
                .isEqualTo(404);
        assertThat(server.executions()).isEmpty();
    }

    @Test
    void stateFollowsTheClockFromPendingThroughRunningToTheEnd() throws Exception {
        server.clock(time::get);
        server.workflow("ws1", "slow")
                .pendingFor(Duration.ofSeconds(10))
                .takes(Duration.ofMinutes(10))
                .runningState("In progress")
                .endsWith("Failed")
                .error("Step 'deploy' failed", "STEP_FAILED");
        String id = startExecution("slow");
        String path = "/workspace/ws1/executions/" + id;

        JsonObject pending = json(get(path));
        assertThat(pending.get("state").getAsString()).isEqualTo("Pending");
        assertThat(pending.get("state_ui").getAsString()).isEqualTo("Pending");
        assertThat(pending.get("started_at").getAsLong()).isEqualTo(T0);
        assertThat(pending.get("finished_at").isJsonNull()).isTrue();
        assertThat(json(get(path + "/steps")).getAsJsonArray("results")).isEmpty();

        time.set(T0 + 10_000);
        JsonObject running = json(get(path));
        assertThat(running.get("state_ui").getAsString()).isEqualTo("In progress");
        assertThat(running.getAsJsonObject("error_details").isEmpty()).isTrue();
        assertThat(running.get("net_runtime_ms").getAsLong()).isEqualTo(10_000);
        assertThat(server.execution(id).state()).isEqualTo("In progress");
        JsonArray steps = json(get(path + "/steps")).getAsJsonArray("results");
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).getAsJsonObject().get("started_at").getAsLong()).isEqualTo(T0 + 10_000);

        time.set(T0 + 600_000 - 1);
        assertThat(json(get(path)).get("state_ui").getAsString()).isEqualTo("In progress");

        time.set(T0 + 700_000);
        JsonObject failed = json(get(path));
        assertThat(failed.get("state").getAsString()).isEqualTo("Failed");
        assertThat(failed.get("state_ui").getAsString()).isEqualTo("Failed");
        assertThat(failed.get("finished_at").getAsLong()).isEqualTo(T0 + 600_000);
        assertThat(failed.get("duration").getAsLong()).isEqualTo(600_000);
        assertThat(failed.getAsJsonObject("error_details").get("message").getAsString())
                .isEqualTo("Step 'deploy' failed");
        assertThat(failed.getAsJsonObject("error_details").get("error_code").getAsString())
                .isEqualTo("STEP_FAILED");
        assertThat(failed.has("outputs")).isFalse();
        assertThat(server.execution(id).state()).isEqualTo("Failed");
    }

    @Test
    void omitStateUiLeavesOnlyTheState() throws Exception {
        server.omitStateUi(true).workflow("ws1", "wf");

        JsonObject state = json(get("/workspace/ws1/executions/" + startExecution("wf")));

        assertThat(state.has("state_ui")).isFalse();
        assertThat(state.get("state").getAsString()).isEqualTo("Completed");
    }

    @Test
    void theOutputsOfACompletedExecutionAreItsLastStepsOutputData() throws Exception {
        server.workflow("ws1", "wf").outputs(Map.of("url", "https://example.test/build/7", "count", 7));
        String id = startExecution("wf");

        JsonObject step = lastStep(id);

        assertThat(step.get("step_id").getAsString()).isEqualTo("step-1");
        assertThat(step.get("state").getAsString()).isEqualTo("Completed");
        assertThat(step.getAsJsonObject("output_data").get("url").getAsString())
                .isEqualTo("https://example.test/build/7");
        assertThat(step.getAsJsonObject("output_data").get("count").getAsInt()).isEqualTo(7);
        assertThat(step.get("error_data").isJsonNull()).isTrue();
        // not in today's reference: the fake has no such route
        assertThat(get("/workspace/ws1/executions/" + id + "/outputs").statusCode())
                .isEqualTo(404);
    }

    @Test
    void stepResultsInTheRecordCarryTheStepsWhenAsked() throws Exception {
        server.outputsIn(OutputsLocation.STEP_RESULTS).workflow("ws1", "wf").outputs("{\"a\":1}");
        String id = startExecution("wf");

        JsonObject results = json(get("/workspace/ws1/executions/" + id)).getAsJsonObject("step_results");

        assertThat(results.keySet()).containsExactly("step-1");
        assertThat(results.getAsJsonObject("step-1")
                        .getAsJsonObject("output_data")
                        .get("a")
                        .getAsInt())
                .isEqualTo(1);
    }

    @Test
    void aRunWithoutOutputsHasNoOutputDataAnywhere() throws Exception {
        server.outputsIn(OutputsLocation.NOWHERE).workflow("ws1", "wf").outputs("{\"a\":1}");
        String id = startExecution("wf");

        assertThat(lastStep(id).get("output_data").isJsonNull()).isTrue();
        assertThat(json(get("/workspace/ws1/executions/" + id))
                        .getAsJsonObject("step_results")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void noOutputDataWhileRunning() throws Exception {
        server.clock(time::get)
                .workflow("ws1", "wf")
                .takes(Duration.ofMinutes(1))
                .outputs("{\"a\":1}");
        String id = startExecution("wf");

        assertThat(lastStep(id).get("output_data").isJsonNull()).isTrue();
        time.addAndGet(60_000);
        assertThat(lastStep(id).getAsJsonObject("output_data").get("a").getAsInt())
                .isEqualTo(1);
    }

    private JsonObject lastStep(String id) throws Exception {
        JsonArray steps =
                json(get("/workspace/ws1/executions/" + id + "/steps")).getAsJsonArray("results");
        return steps.get(steps.size() - 1).getAsJsonObject();
    }

    @Test
    void anExecutionIsOnlyVisibleInItsOwnWorkspace() throws Exception {
        server.workspace("ws2", "Other").workflow("ws1", "wf");
        String id = startExecution("wf");

        assertThat(get("/workspace/ws2/executions/" + id).statusCode()).isEqualTo(404);
        assertThat(get("/workspace/ws1/executions/unknown").statusCode()).isEqualTo(404);
        assertThat(get("/workspace/ws1/executions/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void cancelStopsARunningExecutionOnce() throws Exception {
        server.clock(time::get).workflow("ws1", "wf").takes(Duration.ofMinutes(5));
        String id = startExecution("wf");
        time.addAndGet(1_000);

        HttpResponse<String> cancelled = post("/workspace/ws1/executions/" + id + "/cancel", "");
        HttpResponse<String> again = post("/workspace/ws1/executions/" + id + "/cancel", "");
        HttpResponse<String> unknown = post("/workspace/ws1/executions/unknown/cancel", "");
        time.addAndGet(3_600_000);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).isEqualTo("{}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        FakeExecution execution = server.execution(id);
        assertThat(execution.cancelled()).isTrue();
        assertThat(execution.state()).isEqualTo("Cancelled");
        JsonObject state = json(get("/workspace/ws1/executions/" + id));
        assertThat(state.get("state_ui").getAsString()).isEqualTo("Cancelled");
        assertThat(state.get("finished_at").getAsLong()).isEqualTo(T0 + 1_000);
    }

    @Test
    void cancelOfAnEndedExecutionIs400() throws Exception {
        server.workflow("ws1", "wf");
        String id = startExecution("wf");

        HttpResponse<String> response = post("/workspace/ws1/executions/" + id + "/cancel", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.execution(id).cancelled()).isFalse();
        assertThat(server.execution(id).state()).isEqualTo("Completed");
    }

    // ---- sync execute

    @Test
    void syncExecuteWaitsAndAnswersTheOutputs() throws Exception {
        server.workflow("ws1", "wf").takes(Duration.ofMillis(400)).outputs("{\"version\":\"1.2.3\"}");

        long start = System.nanoTime();
        HttpResponse<String> response = post("/workspace/ws1/playbooks/wf/execute?run_sync=true&timeout=10", "{}");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("version").getAsString()).isEqualTo("1.2.3");
        assertThat(tookMillis).isBetween(350L, 5_000L);
        assertThat(server.executions()).hasSize(1);
    }

    @Test
    void syncExecuteOfAFailingWorkflowIs400WithTheReasonInDetails() throws Exception {
        server.workflow("ws1", "wf").endsWith("Failed").error("disk full", "E_DISK");

        HttpResponse<String> response = post("/workspace/ws1/playbooks/wf/execute?run_sync=true&timeout=5", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        // the old spec's error body: which step failed, and why, in details
        assertThat(response.body())
                .isEqualTo("{\"status\":400,\"message\":\"Execution ended with state Failed\","
                        + "\"details\":\"step step-1 failed: disk full\",\"data\":null}");
    }

    @Test
    void syncExecuteGivesUpAfterTheTimeoutWith408() throws Exception {
        server.workflow("ws1", "wf").takes(Duration.ofHours(1));

        long start = System.nanoTime();
        HttpResponse<String> response = post("/workspace/ws1/playbooks/wf/execute?run_sync=true&timeout=1", "{}");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(408);
        assertThat(message(response)).isEqualTo("Execution timed out after 1 seconds");
        assertThat(tookMillis).isBetween(900L, 5_000L);
        assertThat(server.executions().get(0).state()).isEqualTo("Running");
    }

    // ---- faults

    @Test
    void statusFaultAnswersOnceWithBlinksErrorBody() throws Exception {
        server.fault(Route.GET_WORKSPACE, Fault.status(500));

        HttpResponse<String> faulted = get("/workspaces/ws1");
        HttpResponse<String> next = get("/workspaces/ws1");

        assertThat(faulted.statusCode()).isEqualTo(500);
        JsonObject error = JsonParser.parseString(faulted.body()).getAsJsonObject();
        assertThat(error.get("status").getAsInt()).isEqualTo(500);
        assertThat(error.get("message").getAsString()).isNotBlank();
        assertThat(error.get("details").getAsString()).isNotBlank();
        assertThat(error.get("data").isJsonNull()).isTrue();
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void faultsAreTakenFirstInFirstOutPerRouteAndCounted() throws Exception {
        server.fault(Route.GET_WORKSPACE, Fault.status(502))
                .fault(Route.GET_WORKSPACE, Fault.status(504), 2)
                .fault(Route.USER_WORKSPACES, Fault.status(503));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(get("/workspaces/ws1").statusCode());
        }

        assertThat(statuses).containsExactly(502, 504, 504, 200);
        assertThat(get("/user-workspaces").statusCode()).isEqualTo(503);
    }

    @Test
    void faultsWaitUntilAfterTheKeyWasChecked() throws Exception {
        server.fault(Route.GET_WORKSPACE, Fault.status(500));

        assertThat(send("GET", "/workspaces/ws1", "wrong", null).statusCode()).isEqualTo(401);
        assertThat(get("/workspaces/ws1").statusCode()).isEqualTo(500);
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() throws Exception {
        server.fault(Route.GET_EXECUTION, Fault.tooManyRequests(7));

        HttpResponse<String> response = get("/workspace/ws1/executions/whatever");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void rawStatusFaultSendsTheBodyAndTypeGiven() throws Exception {
        server.fault(Route.USER_WORKSPACES, Fault.status(502, "upstream died", "text/plain"));

        HttpResponse<String> response = get("/user-workspaces");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("upstream died");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
    }

    @Test
    void connectionResetClosesTheSocketWithoutAnyAnswer() throws Exception {
        server.fault(Route.USER_WORKSPACES, Fault.connectionReset());

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /api/v1/user-workspaces HTTP/1.1\r\nHost: 127.0.0.1\r\nBLINK-API-KEY: " + KEY
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().readAllBytes()).isEmpty();
        }
        assertThat(server.count(Route.USER_WORKSPACES)).isEqualTo(1);
        assertThat(get("/user-workspaces").statusCode()).isEqualTo(200);
    }

    @Test
    void connectionResetGivesTheHttpClientAnIOException() throws Exception {
        // twice: the JDK client sends a GET again, once, when the connection closes unanswered
        server.fault(Route.USER_WORKSPACES, Fault.connectionReset(), 2);

        assertThatThrownBy(() -> get("/user-workspaces")).isInstanceOf(IOException.class);
        assertThat(server.count(Route.USER_WORKSPACES)).isEqualTo(2);
    }

    @Test
    void slowFaultDelaysTheNormalAnswer() throws Exception {
        server.fault(Route.GET_WORKSPACE, Fault.slow(Duration.ofMillis(700)));

        long start = System.nanoTime();
        HttpResponse<String> response = get("/workspaces/ws1");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("id").getAsString()).isEqualTo("ws1");
        assertThat(tookMillis).isGreaterThanOrEqualTo(650L);
    }

    @Test
    void aSlowAnswerDoesNotHoldUpOtherRequests() throws Exception {
        server.fault(Route.GET_WORKSPACE, Fault.slow(Duration.ofSeconds(4)));
        CompletableFuture<HttpResponse<String>> slow =
                client.sendAsync(request("GET", "/workspaces/ws1", KEY, null), bodyAsString());
        Thread.sleep(200); // let the slow request take the fault first

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            others.add(client.sendAsync(request("GET", "/workspaces/ws1", KEY, null), bodyAsString()));
        }
        for (CompletableFuture<HttpResponse<String>> other : others) {
            assertThat(other.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMillis).isLessThan(3_000L);
        assertThat(slow.isDone()).isFalse();
        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void htmlBodyIsA200ThatIsNotJson() throws Exception {
        server.fault(Route.GET_EXECUTION, Fault.htmlBody());

        HttpResponse<String> response = get("/workspace/ws1/executions/x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(response.body()).startsWith("<html>").contains("Gateway");
    }

    @Test
    void truncatedJsonIsA200ThatDoesNotParse() throws Exception {
        server.fault(Route.GET_EXECUTION, Fault.truncatedJson());

        HttpResponse<String> response = get("/workspace/ws1/executions/x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{");
        assertThatThrownBy(() -> JsonParser.parseString(response.body()).getAsJsonObject())
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void emptyBodyIsA200WithNothingInIt() throws Exception {
        server.fault(Route.GET_EXECUTION, Fault.emptyBody());

        HttpResponse<String> response = get("/workspace/ws1/executions/x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503, 401, 403, 404})
    void executeFaultsThatMeanBlinkRefusedCreateNoExecution(int status) throws Exception {
        server.workflow("ws1", "wf");
        server.fault(Route.EXECUTE, Fault.status(status));

        HttpResponse<String> response = post("/workspace/ws1/playbooks/wf/execute", "{}");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(server.executions()).isEmpty();
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504})
    void executeFaultsAfterBlinkActedLeaveAnExecution(int status) throws Exception {
        server.workflow("ws1", "wf");
        server.fault(Route.EXECUTE, Fault.status(status));

        HttpResponse<String> response = post("/workspace/ws1/playbooks/wf/execute", "{}");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("execution_id");
        assertThat(server.executions()).hasSize(1);
    }

    @Test
    void executeTooManyRequestsCreatesNoExecution() throws Exception {
        server.workflow("ws1", "wf");
        server.fault(Route.EXECUTE, Fault.tooManyRequests(1));

        assertThat(post("/workspace/ws1/playbooks/wf/execute", "{}").statusCode())
                .isEqualTo(429);
        assertThat(server.executions()).isEmpty();
    }

    @Test
    void executeResetAndBadBodiesStillCreateTheExecution() throws Exception {
        server.workflow("ws1", "wf");
        server.fault(Route.EXECUTE, Fault.truncatedJson())
                .fault(Route.EXECUTE, Fault.htmlBody())
                .fault(Route.EXECUTE, Fault.emptyBody())
                .fault(Route.EXECUTE, Fault.connectionReset());

        for (int i = 0; i < 3; i++) {
            assertThat(post("/workspace/ws1/playbooks/wf/execute", "{}").statusCode())
                    .isEqualTo(200);
        }
        assertThatThrownBy(() ->
                        client.send(request("POST", "/workspace/ws1/playbooks/wf/execute", KEY, "{}"), bodyAsString()))
                .isInstanceOf(IOException.class);

        assertThat(server.executions()).hasSize(4);
        assertThat(server.count(Route.EXECUTE)).isEqualTo(4);
    }

    @Test
    void cancelFaultAfterActingStillCancels() throws Exception {
        server.clock(time::get).workflow("ws1", "wf").takes(Duration.ofMinutes(5));
        String id = startExecution("wf");
        server.fault(Route.CANCEL, Fault.status(500));

        assertThat(post("/workspace/ws1/executions/" + id + "/cancel", "").statusCode())
                .isEqualTo(500);
        assertThat(server.execution(id).cancelled()).isTrue();
    }

    // ---- large answers

    @Test
    void hugeOutputsAreStreamedAndValidJson() throws Exception {
        int size = 50_000_000;
        server.workflow("ws1", "big").hugeOutputs(size);
        String id = startExecution("big");

        HttpResponse<InputStream> response = client.send(
                request("GET", "/workspace/ws1/executions/" + id + "/steps", KEY, null),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        CountingStream counted = new CountingStream(response.body());
        int members = countOutputMembers(counted);
        assertThat(members).isGreaterThan(1_000);
        assertThat(counted.count).isBetween((long) (size * 0.98), (long) (size * 1.02));
    }

    @Test
    void hugeOutputsCanBeInTheRecordsStepResults() throws Exception {
        server.outputsIn(OutputsLocation.STEP_RESULTS).workflow("ws1", "big").hugeOutputs(2_000_000);
        String id = startExecution("big");

        JsonObject state = json(get("/workspace/ws1/executions/" + id));

        assertThat(state.get("state_ui").getAsString()).isEqualTo("Completed");
        assertThat(state.getAsJsonObject("step_results")
                        .getAsJsonObject("step-1")
                        .getAsJsonObject("output_data")
                        .size())
                .isGreaterThan(1_000);
    }

    @Test
    void aHugeStringOutputIsOneMemberHoldingOneString() throws Exception {
        server.workflow("ws1", "big").hugeStringOutput(3_000_000);
        String id = startExecution("big");

        JsonObject outputs = lastStep(id).getAsJsonObject("output_data");

        assertThat(outputs.keySet()).containsExactly("report");
        assertThat(outputs.get("report").getAsString()).hasSize(3_000_000).matches("x+");
    }

    @Test
    void requestsInFlightAreCountedUntilTheirAnswerStarts() throws Exception {
        server.workflow("ws1", "wf");
        server.fault(Route.USER_WORKSPACES, Fault.slow(Duration.ofMillis(300)), 3);
        server.resetPeakInFlight();
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slow.add(client.sendAsync(request("GET", "/user-workspaces", KEY, null), bodyAsString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : slow) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }

        assertThat(server.peakInFlight()).isEqualTo(3);
        assertThat(server.inFlight()).isZero();
    }

    @Test
    void manyConcurrentExecutesEachGetTheirOwnExecution() throws Exception {
        server.workflow("ws1", "wf");
        List<CompletableFuture<HttpResponse<String>>> started = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            started.add(client.sendAsync(
                    request("POST", "/workspace/ws1/playbooks/wf/execute", KEY, "{}"), bodyAsString()));
        }

        Set<String> ids = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> response : started) {
            ids.add(json(response.get(30, TimeUnit.SECONDS)).get("execution_id").getAsString());
        }

        assertThat(ids).hasSize(200);
        assertThat(server.executions()).extracting(FakeExecution::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(server.count(Route.EXECUTE)).isEqualTo(200);
    }

    // ---- recording

    @Test
    void requestsAreRecordedAsSent() throws Exception {
        server.workflow("ws1", "wf");
        post("/workspace/ws1/playbooks/wf/execute?run_sync=false&note=a%20b", "{\"input_values\":{\"x\":1}}");
        get("/user-workspaces");

        List<RecordedRequest> all = server.requests();
        assertThat(all).hasSize(2);
        RecordedRequest execute = all.get(0);
        assertThat(execute.method()).isEqualTo("POST");
        assertThat(execute.path()).isEqualTo("/api/v1/workspace/ws1/playbooks/wf/execute");
        assertThat(execute.rawQuery()).isEqualTo("run_sync=false&note=a%20b");
        assertThat(execute.query()).containsEntry("run_sync", "false").containsEntry("note", "a b");
        assertThat(execute.headers()).containsEntry("blink-api-key", KEY);
        assertThat(execute.header("Content-Type")).isEqualTo("application/json");
        assertThat(execute.header("BLINK-API-KEY")).isEqualTo(KEY);
        assertThat(execute.bodyJson().getAsJsonObject("input_values").get("x").getAsInt())
                .isEqualTo(1);
        assertThat(all.get(1).rawQuery()).isNull();
        assertThat(all.get(1).body()).isEmpty();
        assertThat(server.requests(Route.USER_WORKSPACES)).containsExactly(all.get(1));
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
        assertThat(server.count(Route.CANCEL)).isZero();

        server.clearRequests();
        assertThat(server.requests()).isEmpty();
        assertThat(server.count(Route.EXECUTE)).isZero();
    }

    @Test
    void faultedAndUnauthorisedRequestsAreRecordedToo() throws Exception {
        server.fault(Route.USER_WORKSPACES, Fault.status(500));

        get("/user-workspaces");
        send("GET", "/user-workspaces", "wrong", null);

        assertThat(server.requests(Route.USER_WORKSPACES))
                .extracting(r -> r.header("blink-api-key"))
                .containsExactly(KEY, "wrong");
    }

    // ---- configuration

    @Test
    void acceptAnyWorkflowCreatesWorkspacesAndWorkflowsOnFirstUse() throws Exception {
        server.acceptAnyWorkflow(true).autoCreatedWorkflows(wf -> wf.endsWith("Timeout"));

        String id = json(post("/workspace/anyws/playbooks/anywf/execute", "{}"))
                .get("execution_id")
                .getAsString();

        assertThat(server.execution(id).state()).isEqualTo("Timeout");
        assertThat(json(get("/workspaces/anyws")).get("id").getAsString()).isEqualTo("anyws");
        assertThat(json(get("/workspace/anyws/playbooks")).get("total").getAsInt())
                .isEqualTo(1);
    }

    @Test
    void workflowWithoutAnErrorStillExplainsAFailure() throws Exception {
        server.workflow("ws1", "wf").endsWith("Timeout");

        JsonObject state = json(get("/workspace/ws1/executions/" + startExecution("wf")));

        assertThat(state.getAsJsonObject("error_details").get("message").getAsString())
                .contains("Timeout");
    }

    @Test
    void configuringAWorkflowDoesNotChangeARunAlreadyStarted() throws Exception {
        server.clock(time::get);
        FakeWorkflow wf = server.workflow("ws1", "wf").takes(Duration.ofMinutes(1));
        String id = startExecution("wf");

        wf.takes(Duration.ZERO).endsWith("Failed");

        assertThat(server.execution(id).state()).isEqualTo("Running");
        time.addAndGet(60_000);
        assertThat(server.execution(id).state()).isEqualTo("Completed");
    }

    @Test
    void urlIsTheHostWithoutApiPrefixAndCloseStopsListening() throws Exception {
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());

        server.close();

        assertThatThrownBy(() ->
                        HttpClient.newHttpClient().send(request("GET", "/user-workspaces", KEY, null), bodyAsString()))
                .isInstanceOf(ConnectException.class);
    }

    // ---- helpers

    private String startExecution(String workflowId) throws Exception {
        HttpResponse<String> response = post("/workspace/ws1/playbooks/" + workflowId + "/execute", "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response).get("execution_id").getAsString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, KEY, null);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, KEY, body);
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        return client.send(request(method, path, key, body), bodyAsString());
    }

    private HttpRequest request(String method, String path, String key, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30));
        if (key != null) {
            builder.header("BLINK-API-KEY", key);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse.BodyHandler<String> bodyAsString() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static String message(HttpResponse<String> response) {
        JsonElement body = JsonParser.parseString(response.body());
        return body.getAsJsonObject().get("message").getAsString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The members of the one step's output_data in a {@code /steps} answer, read as a stream. */
    private static int countOutputMembers(InputStream in) throws IOException {
        try (JsonReader reader = new JsonReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int members = 0;
            reader.beginObject();
            assertThat(reader.nextName()).isEqualTo("results");
            reader.beginArray();
            reader.beginObject();
            while (reader.hasNext()) {
                if (!reader.nextName().equals("output_data")) {
                    reader.skipValue();
                    continue;
                }
                reader.beginObject();
                while (reader.hasNext()) {
                    reader.nextName();
                    reader.skipValue();
                    members++;
                }
                reader.endObject();
            }
            reader.endObject();
            reader.endArray();
            reader.endObject();
            assertThat(reader.peek()).isEqualTo(JsonToken.END_DOCUMENT);
            return members;
        }
    }

    /** Counts the bytes that pass through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
