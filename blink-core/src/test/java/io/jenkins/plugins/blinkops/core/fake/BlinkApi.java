package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What each Blink route answers when nothing goes wrong. Each route follows the page of Blink's API
 * reference that its method names (the shapes are copied in the engine's test resources,
 * {@code blink-api/*.json}, and {@code FakeBlinkServerTest} checks each answer against them).
 * Where the reference is silent the method says so, and the server offers the plausible variants
 * ({@link OutputsLocation}, {@link SyncTimeoutAnswer}, {@link CancelAnswers}).
 */
final class BlinkApi {

    /** How long {@code run_sync=true} waits when no {@code timeout} is given (Blink's own default is unknown). */
    private static final int DEFAULT_SYNC_TIMEOUT_SECONDS = 300;

    /** A sync execute looks at its execution this often, so a cancel or a clock jump is seen soon. */
    private static final long SYNC_POLL_MILLIS = 100;

    private static final int DEFAULT_PAGE_LIMIT = 100;

    /** Stands where huge outputs are streamed into an answer (see {@link #withOutputs}). */
    private static final String STREAMED_OUTPUTS = "\u0000streamed outputs\u0000";

    private static final String FAKE_USER = "fake-user";
    private static final String FAKE_TENANT = "fake-tenant";
    private static final int MAX_PAGE_LIMIT = 1000;

    private final FakeBlinkServer server;

    BlinkApi(FakeBlinkServer server) {
        this.server = server;
    }

    /** An error answer thrown from deep inside a handler, e.g. an unknown workspace. */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        /** The old spec's {@code details}, or null. */
        private final String details;

        ApiError(int status, String message) {
            this(status, message, null);
        }

        ApiError(int status, String message, String details) {
            super(message, null, false, false);
            this.status = status;
            this.details = details;
        }
    }

    Answer handle(Route.Match match, RecordedRequest request) {
        try {
            return switch (match.route()) {
                case USER_WORKSPACES -> userWorkspaces();
                case GET_WORKSPACE -> Answer.json(200, workspaceJson(workspace(match.param(0))));
                case LIST_WORKFLOWS -> listWorkflows(workspace(match.param(0)), request);
                case GET_WORKFLOW -> getWorkflow(workflow(workspace(match.param(0)), match.param(1)));
                case EXECUTE -> execute(match, request);
                case LIST_EXECUTIONS -> listExecutions(workspace(match.param(0)), request);
                case GET_EXECUTION -> {
                    FakeExecution execution = execution(match);
                    execution.recordRead(server.now());
                    yield executionAnswer(execution);
                }
                case GET_STEPS -> steps(execution(match));
                case CANCEL -> cancel(execution(match));
            };
        } catch (ApiError e) {
            return e.details == null
                    ? Answer.error(e.status, e.getMessage())
                    : Answer.error(e.status, e.getMessage(), e.details);
        }
    }

    /** "List user workspaces": a map of the workspaces the key's user may use, keyed by id. */
    private Answer userWorkspaces() {
        JsonObject map = new JsonObject();
        for (FakeWorkspace ws : server.visibleWorkspaces()) {
            JsonObject json = new JsonObject();
            json.addProperty("id", ws.id());
            json.addProperty("name", ws.name());
            json.addProperty("display_name", ws.name());
            json.addProperty("description", "");
            json.addProperty("type", "regular");
            map.add(ws.id(), json);
        }
        return Answer.json(200, map);
    }

    /** "Get workspace details". */
    private static JsonObject workspaceJson(FakeWorkspace ws) {
        JsonObject json = new JsonObject();
        json.addProperty("description", "");
        json.addProperty("display_name", ws.name());
        json.addProperty("enable_overview_page", false);
        json.add("entities", new JsonArray());
        json.addProperty("id", ws.id());
        json.addProperty("name", ws.name());
        json.addProperty("type", "regular");
        return json;
    }

    /** "List playbooks with optional filtering": a page, {@code {limit, offset, total, results}}. */
    private Answer listWorkflows(FakeWorkspace ws, RecordedRequest request) {
        return page(rql(request), ws.workflows(), BlinkApi::workflowJson);
    }

    /** The request's RQL {@code q}, an empty query when absent. */
    private static JsonObject rql(RecordedRequest request) {
        String q = request.query().get("q");
        return q == null ? new JsonObject() : parseObject(q, "Invalid RQL query q: expected a JSON object");
    }

    /** The RQL listings' frame: {@code {limit, offset, total, results}}, offset and limit (1–1000) checked. */
    private static <T> Answer page(JsonObject rql, List<T> all, Function<T, JsonObject> json) {
        int offset = intMember(rql, "offset", 0);
        int limit = intMember(rql, "limit", DEFAULT_PAGE_LIMIT);
        if (offset < 0 || limit < 1 || limit > MAX_PAGE_LIMIT) {
            throw new ApiError(400, "Invalid RQL query: offset must be >= 0 and limit 1-" + MAX_PAGE_LIMIT);
        }
        JsonArray results = new JsonArray();
        for (T item : all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()))) {
            results.add(json.apply(item));
        }
        JsonObject page = new JsonObject();
        page.addProperty("limit", limit);
        page.addProperty("offset", offset);
        page.addProperty("total", all.size());
        page.add("results", results);
        return Answer.json(200, page);
    }

    /**
     * "List playbook executions with filtering": a page, {@code {limit, offset, total, results}},
     * each run with the members the reference lists (no {@code event}, unless {@link
     * ExecutionListing#WITH_EVENT}). Which members {@code filter} matches and how {@code sort} is
     * written the reference does not say: {@link ExecutionListing} offers the variants.
     */
    private Answer listExecutions(FakeWorkspace ws, RecordedRequest request) {
        JsonObject rql = rql(request);
        ExecutionListing listing = server.executionListing();
        Stream<FakeExecution> runs =
                server.executions().stream().filter(e -> e.workspaceId().equals(ws.id()));
        if (listing.honoursFilter()) {
            JsonObject filter = rql.has("filter") && rql.get("filter").isJsonObject()
                    ? rql.getAsJsonObject("filter")
                    : new JsonObject();
            String workflow = operand(filter, "playbook_id", "$eq");
            String since = operand(filter, "created_at", "$gte");
            String updatedSince = operand(filter, "updated_at", "$gte");
            long now = server.now();
            runs = runs.filter(e -> workflow == null || e.workflowId().equals(workflow))
                    .filter(e -> since == null || e.startedAt() >= Long.parseLong(since))
                    .filter(e -> updatedSince == null
                            || (listing != ExecutionListing.UPDATED_AT_MATCHES_NOTHING
                                    && e.updatedAt(now) >= Long.parseLong(updatedSince)));
            String sort = rql.has("sort") ? rql.get("sort").toString() : "";
            if (sort.contains("-created_at")) {
                runs = runs.sorted(
                        Comparator.comparingLong(FakeExecution::startedAt).reversed());
            } else if (sort.contains("+updated_at")) {
                runs = runs.sorted(Comparator.comparingLong(e -> e.updatedAt(now)));
            }
        }
        long now = server.now();
        boolean withEvent = listing == ExecutionListing.WITH_EVENT;
        return page(rql, runs.toList(), e -> listedExecution(e, now, withEvent));
    }

    /** {@code filter.member.op} as text, or null. */
    private static String operand(JsonObject filter, String member, String op) {
        JsonElement condition = filter.get(member);
        if (condition == null || !condition.isJsonObject()) {
            return null;
        }
        JsonElement value = condition.getAsJsonObject().get(op);
        return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    private JsonObject listedExecution(FakeExecution execution, long now, boolean withEvent) {
        String state = execution.stateAt(now);
        Long finishedAt = execution.finishedAt(now);
        JsonObject json = new JsonObject();
        json.addProperty("cancel_reason", execution.cancelled() ? "Cancelled through the API" : "");
        json.addProperty("created_at", execution.startedAt());
        json.add("error_details", execution.endedWithError(now) ? errorDetails(execution, now) : new JsonObject());
        if (withEvent) {
            json.add("event", orEmptyObject(execution.startField("event")));
        }
        json.addProperty("finished_at", finishedAt);
        json.addProperty("id", execution.id());
        json.addProperty("name", execution.behaviour().name());
        json.addProperty("net_runtime_ms", (finishedAt == null ? now : finishedAt) - execution.startedAt());
        json.addProperty("playbook_id", execution.workflowId());
        json.addProperty("started_at", execution.startedAt());
        json.addProperty("state", state);
        json.addProperty("state_ui", state);
        json.add("step_results", new JsonObject());
        json.add("trigger_type", orEmptyText(execution.startField("trigger_type")));
        json.addProperty("updated_at", execution.updatedAt(now));
        json.addProperty("workspace_id", execution.workspaceId());
        return json;
    }

    /** "Get a playbook by its ID", the members a client of the plugin can use. */
    private static Answer getWorkflow(FakeWorkflow wf) {
        return Answer.json(200, workflowJson(wf));
    }

    private static JsonObject workflowJson(FakeWorkflow wf) {
        JsonObject json = new JsonObject();
        json.addProperty("active", true);
        json.addProperty("automation_type", "on_demand");
        json.addProperty("created_at", 0L);
        json.addProperty("created_by", FAKE_USER);
        json.addProperty("custom_timeout", 0);
        json.addProperty("id", wf.id());
        json.addProperty("name", wf.behaviour().name());
        json.addProperty("pack_id", "");
        json.add("tags", new JsonArray());
        json.addProperty("tenant_id", FAKE_TENANT);
        json.addProperty("updated_at", 0L);
        json.addProperty("updated_by", FAKE_USER);
        json.addProperty("version", "1");
        json.addProperty("workspace_id", wf.workspaceId());
        return json;
    }

    /**
     * "Execute a workflow": {@code {"execution_id"}} at once, or with {@code run_sync=true} the
     * workflow's outputs when it ends (see {@link #waitForEnd}). Body fields as the page lists them;
     * {@code input_values} must be an object, and a {@code callback} is called when the run ends
     * (see {@link Callback}, {@link CallbackDelivery}).
     */
    private Answer execute(Route.Match match, RecordedRequest request) {
        FakeWorkspace ws = workspace(match.param(0));
        FakeWorkflow wf = workflow(ws, match.param(1));
        JsonObject body = parseObject(request.body(), "Invalid request body: expected a JSON object");
        JsonElement inputs = body.get("input_values");
        if (inputs != null && !inputs.isJsonObject() && !inputs.isJsonNull()) {
            throw new ApiError(400, "Invalid request body: input_values must be an object");
        }
        Callback callback;
        try {
            callback = Callback.of(body);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Invalid request body: " + e.getMessage());
        }
        boolean sync = "true".equalsIgnoreCase(request.query().get("run_sync"));
        int timeoutSeconds = syncTimeout(request);
        FakeExecution execution = server.startExecution(ws.id(), wf, request, body, callback);
        if (!sync) {
            JsonObject answer = new JsonObject();
            answer.addProperty("execution_id", execution.id());
            return Answer.json(200, answer);
        }
        try {
            return waitForEnd(execution, timeoutSeconds);
        } catch (InterruptedException e) {
            // the server is closing
            Thread.currentThread().interrupt();
            return Answer.abort();
        }
    }

    private static int syncTimeout(RecordedRequest request) {
        String timeout = request.query().get("timeout");
        if (timeout == null) {
            return DEFAULT_SYNC_TIMEOUT_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(timeout.trim());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below like a negative number
        }
        throw new ApiError(400, "Invalid timeout: " + timeout);
    }

    /**
     * Holds a {@code run_sync=true} request in real time until the run ends or the timeout passes.
     * "Execute a workflow" says a synchronous run answers "the execution output": the workflow's
     * outputs, as one object. What a failed run answers is not shown (a 4xx with Blink's error body
     * here), nor what a run that outlives its timeout answers (see {@link SyncTimeoutAnswer}).
     */
    private Answer waitForEnd(FakeExecution execution, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (!execution.endedAt(server.now())) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return syncTimedOut(timeoutSeconds);
            }
            long remaining = execution.remainingMillis(server.now());
            Thread.sleep(Math.max(1, Math.min(Math.min(remaining, leftMillis), SYNC_POLL_MILLIS)));
        }
        long now = server.now();
        if (execution.completed(now)) {
            return outputsAnswer(execution.behaviour().outputs());
        }
        // the old spec's error body: the reason (which step, and why) in details
        String failingStep = execution.behaviour().failingStep();
        throw new ApiError(
                400,
                "Execution ended with state " + execution.stateAt(now),
                execution.endedWithError(now)
                        ? (failingStep == null ? "" : "step " + failingStep + " failed: ")
                                + errorDetails(execution, now).get("message").getAsString()
                        : null);
    }

    private Answer syncTimedOut(int timeoutSeconds) {
        return switch (server.syncTimeoutAnswer()) {
            case STATUS_408 -> Answer.error(408, "Execution timed out after " + timeoutSeconds + " seconds");
            case GATEWAY_504 ->
                Answer.bytes(
                        504, "text/plain", "504 Gateway Time-out".getBytes(StandardCharsets.UTF_8), java.util.Map.of());
        };
    }

    /**
     * "Get a playbook execution by its ID": every member the reference lists, {@code state} and
     * {@code state_ui} alike capitalised (the reference gives no values; Blink's own client reads
     * {@code state_ui} and falls back to {@code state}). No outputs: the reference has none on the
     * record; where the output values are is {@link OutputsLocation}'s business.
     */
    private Answer executionAnswer(FakeExecution execution) {
        long now = server.now();
        String state = execution.stateAt(now);
        FakeWorkflow.Behaviour behaviour = execution.behaviour();
        Long finishedAt = execution.finishedAt(now);
        // Blink's unit for duration is not published; the fake gives milliseconds for both
        long runtime = (finishedAt == null ? now : finishedAt) - execution.startedAt();
        JsonObject json = new JsonObject();
        json.addProperty("app_id", "");
        json.addProperty("async_parent_execution_id", "");
        json.addProperty("cancel_reason", execution.cancelled() ? "Cancelled through the API" : "");
        json.addProperty("created_at", execution.startedAt());
        json.addProperty("created_by", FAKE_USER);
        json.addProperty("ctrl_id", "fake-controller");
        json.addProperty("display_name", behaviour.name());
        json.addProperty("draft_execution_number", 0);
        json.addProperty("duration", runtime);
        json.addProperty("engine_v2_compile_error", "");
        json.addProperty("engine_version", "v2");
        json.add("error_details", execution.endedWithError(now) ? errorDetails(execution, now) : new JsonObject());
        json.add("event", orEmptyObject(execution.startField("event")));
        json.addProperty("execution_depth", 0);
        json.addProperty("execution_number", 1);
        json.addProperty("finished_at", finishedAt);
        json.addProperty("id", execution.id());
        json.addProperty("input_values_origin_exec_id", "");
        json.add("inputs", execution.inputs());
        json.addProperty("last_playbook_name", behaviour.name());
        json.addProperty("name", behaviour.name());
        json.addProperty("net_runtime_ms", runtime);
        json.addProperty("pack_id", "");
        json.addProperty("parent_execution_id", "");
        json.addProperty("playbook", execution.workflowId());
        json.addProperty("playbook_deleted", false);
        json.addProperty("playbook_id", execution.workflowId());
        json.addProperty("playbook_name", behaviour.name());
        json.addProperty("runner_cluster_version", "");
        json.add("runner_group_id", orEmptyText(execution.startField("runner")));
        json.addProperty("runner_id", "");
        json.addProperty("runner_version", "");
        json.addProperty("scheduled_trigger_timezone", "");
        json.addProperty("started_at", execution.startedAt());
        json.addProperty("state", state);
        if (!server.omitStateUi()) {
            json.addProperty("state_ui", state);
        }
        JsonObject stepResults = new JsonObject();
        OutputsLocation location = server.outputsLocation();
        boolean outputsInRecord =
                location == OutputsLocation.STEP_RESULTS || location == OutputsLocation.STEP_RESULTS_AS_EXPRESSIONS;
        if (outputsInRecord) {
            for (JsonElement element : stepList(execution, now, true)) {
                JsonObject step = element.getAsJsonObject();
                stepResults.add(
                        step.get("step_id").getAsString(),
                        location == OutputsLocation.STEP_RESULTS ? step : asExpression(step));
            }
        }
        json.add("step_results", stepResults);
        json.add("subflows_reference_to_name_mapping", new JsonObject());
        json.addProperty("tenant_id", FAKE_TENANT);
        json.addProperty("test_session_id", "");
        json.addProperty("timeout", 0);
        json.addProperty("top_execution_id", execution.id());
        json.addProperty("top_execution_started_at", execution.startedAt());
        json.add("trigger_type", orEmptyText(execution.startField("trigger_type")));
        json.addProperty("type", "playbook");
        json.addProperty("updated_at", execution.updatedAt(now));
        json.addProperty("updated_by", FAKE_USER);
        json.addProperty("version", "1");
        json.addProperty("with_concurrency_limit", false);
        json.addProperty("workspace_id", execution.workspaceId());
        return withOutputs(json, outputsInRecord ? outputsOfLastStep(execution, now) : null);
    }

    /**
     * {@code GET .../steps}: not in the reference; the shape Blink's own client reads
     * ({@code results[]} of {@code step_id, state, started_at, finished_at, input_parameters,
     * output_data, error_data}). The last step's {@code output_data} is the workflow's outputs,
     * unless {@link OutputsLocation#NOWHERE}.
     */
    private Answer steps(FakeExecution execution) {
        long now = server.now();
        JsonObject json = new JsonObject();
        json.add("results", stepList(execution, now, server.outputsLocation() != OutputsLocation.NOWHERE));
        return withOutputs(
                json, server.outputsLocation() == OutputsLocation.NOWHERE ? null : outputsOfLastStep(execution, now));
    }

    /** The steps so far: the ones before the step that ends the run went well; a pending run has none. */
    private JsonArray stepList(FakeExecution execution, long now, boolean withOutputs) {
        String state = execution.stateAt(now);
        JsonArray results = new JsonArray();
        if ("Pending".equals(state)) {
            return results;
        }
        FakeWorkflow.Behaviour behaviour = execution.behaviour();
        if (behaviour.stepCount() > 0) {
            return manySteps(execution, now, withOutputs);
        }
        long startedAt = execution.startedAt() + behaviour.pendingFor().toMillis();
        boolean completed = execution.completed(now);
        if (!completed && !"step-1".equals(behaviour.failingStep())) {
            results.add(step("step-1", "Completed", startedAt, startedAt, JsonNull.INSTANCE, JsonNull.INSTANCE));
        }
        Outputs outputs = behaviour.outputs();
        JsonElement output = !completed || !withOutputs
                ? JsonNull.INSTANCE
                : outputs.isHuge() ? new JsonPrimitive(STREAMED_OUTPUTS) : outputs.asJson();
        results.add(step(
                completed ? "step-1" : behaviour.failingStep(),
                state,
                startedAt,
                execution.finishedAt(now),
                output,
                errorDetailsOrNull(execution, now)));
        return results;
    }

    /**
     * The steps of a workflow with {@link FakeWorkflow#steps}: step {@code i} of {@code n} runs in the
     * {@code i}-th slice of the running time (after the pending time), so steps start and end over
     * successive reads. While the run is paused the step under way shows {@code Paused}; the last step
     * ends as the run does, with its error, and holds the outputs. Each step carries a {@code name}, a
     * member the reference does not document for steps.
     */
    private JsonArray manySteps(FakeExecution execution, long now, boolean withOutputs) {
        FakeWorkflow.Behaviour behaviour = execution.behaviour();
        int n = behaviour.stepCount();
        long pending = behaviour.pendingFor().toMillis();
        long span = Math.max(0, behaviour.takes().toMillis() - pending);
        long ran = execution.runningMillis(now) - pending;
        boolean ended = execution.endedAt(now);
        String state = execution.stateAt(now);
        long base = execution.startedAt() + pending;
        JsonArray results = new JsonArray();
        for (int i = 0; i < n; i++) {
            long from = span * i / n;
            long to = span * (i + 1) / n;
            boolean last = i == n - 1;
            if (!ended && ran < from) {
                break;
            }
            boolean done = last ? ended : ended || ran >= to;
            String stepState =
                    done ? (last ? state : "Completed") : "Paused".equals(state) ? "Paused" : behaviour.runningState();
            JsonElement output = last && done && withOutputs && execution.completed(now)
                    ? behaviour.outputs().isHuge()
                            ? new JsonPrimitive(STREAMED_OUTPUTS)
                            : behaviour.outputs().asJson()
                    : JsonNull.INSTANCE;
            JsonElement error = last ? errorDetailsOrNull(execution, now) : JsonNull.INSTANCE;
            JsonObject step =
                    step("s-" + (i + 1), stepState, base + from, done ? base + Math.min(to, ran) : null, output, error);
            step.addProperty("name", "Step " + (i + 1));
            results.add(step);
        }
        return results;
    }

    /** A step as Blink's expressions name it: {@code {"state", "output"}}. */
    private static JsonObject asExpression(JsonObject step) {
        JsonObject expression = new JsonObject();
        expression.add("state", step.get("state"));
        expression.add("output", step.get("output_data"));
        return expression;
    }

    private static JsonObject step(
            String id, String state, long startedAt, Long finishedAt, JsonElement output, JsonElement error) {
        JsonObject step = new JsonObject();
        step.addProperty("step_id", id);
        step.addProperty("state", state);
        step.addProperty("started_at", startedAt);
        step.addProperty("finished_at", finishedAt);
        step.add("input_parameters", new JsonObject());
        step.add("output_data", output);
        step.add("error_data", error);
        return step;
    }

    /** The huge outputs of a completed run, to stream where the placeholder stands; null otherwise. */
    private static Outputs outputsOfLastStep(FakeExecution execution, long now) {
        Outputs outputs = execution.behaviour().outputs();
        return execution.completed(now) && outputs.isHuge() ? outputs : null;
    }

    /**
     * The answer, with huge outputs streamed in place of the {@link #STREAMED_OUTPUTS} placeholder
     * while it is sent, so a 50 MB output never sits in the test's heap.
     */
    private static Answer withOutputs(JsonObject json, Outputs huge) {
        if (huge == null) {
            return Answer.json(200, json);
        }
        String text = Json.GSON.toJson(json);
        String placeholder = Json.GSON.toJson(STREAMED_OUTPUTS);
        int at = text.indexOf(placeholder);
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at + placeholder.length()).getBytes(StandardCharsets.UTF_8);
        return Answer.streamed(200, out -> {
            out.write(before);
            huge.writeTo(out);
            out.write(after);
        });
    }

    private static Answer outputsAnswer(Outputs outputs) {
        return outputs.isHuge() ? Answer.streamed(200, outputs::writeTo) : Answer.json(200, outputs.asJson());
    }

    /** Cancel is not in the current reference: see {@link CancelAnswers}. */
    private Answer cancel(FakeExecution execution) {
        long now = server.now();
        CancelAnswers answers = server.cancelAnswers();
        if (!execution.cancel(now)) {
            throw new ApiError(answers.notRunning, "Execution is not running (state " + execution.stateAt(now) + ")");
        }
        return answers.cancelled == 204
                ? Answer.bytes(204, "application/json", new byte[0], java.util.Map.of())
                : Answer.json(answers.cancelled, new JsonObject());
    }

    private static JsonElement orEmptyObject(JsonElement value) {
        return value != null && value.isJsonObject() ? value : new JsonObject();
    }

    private static JsonElement orEmptyText(JsonElement value) {
        return value != null && value.isJsonPrimitive() ? value : new JsonPrimitive("");
    }

    private static JsonElement errorDetailsOrNull(FakeExecution execution, long now) {
        return execution.endedWithError(now) ? errorDetails(execution, now) : JsonNull.INSTANCE;
    }

    /** {@code {"message","error_code"}}; a workflow given no error still says how it ended. */
    private static JsonObject errorDetails(FakeExecution execution, long now) {
        FakeWorkflow.Behaviour behaviour = execution.behaviour();
        JsonObject json = new JsonObject();
        json.addProperty(
                "message",
                behaviour.errorMessage() != null
                        ? behaviour.errorMessage()
                        : "Execution ended with state " + execution.stateAt(now));
        json.addProperty("error_code", behaviour.errorCode());
        return json;
    }

    private FakeWorkspace workspace(String id) {
        FakeWorkspace ws = server.findWorkspace(id);
        if (ws == null) {
            throw new ApiError(404, "Workspace not found");
        }
        if (ws.forbidden()) {
            throw new ApiError(403, "Forbidden: the API key's user has no role in workspace " + id);
        }
        return ws;
    }

    private FakeWorkflow workflow(FakeWorkspace ws, String id) {
        FakeWorkflow wf = server.findWorkflow(ws, id);
        if (wf == null) {
            throw new ApiError(404, "Can not find Playbook");
        }
        return wf;
    }

    private FakeExecution execution(Route.Match match) {
        FakeWorkspace ws = workspace(match.param(0));
        FakeExecution execution = server.execution(match.param(1));
        if (execution == null || !execution.workspaceId().equals(ws.id())) {
            throw new ApiError(404, "Execution not found");
        }
        return execution;
    }

    private static JsonObject parseObject(String text, String errorMessage) {
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (parsed.isJsonObject()) {
                return parsed.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // answered below like any other non-object
        }
        throw new ApiError(400, errorMessage);
    }

    private static int intMember(JsonObject object, String name, int absent) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return absent;
        }
        try {
            return value.getAsInt();
        } catch (RuntimeException e) {
            throw new ApiError(400, "Invalid RQL query: " + name + " must be a number");
        }
    }
}
