package io.jenkins.plugins.blinkops.core.fake;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** What each Blink route answers when nothing goes wrong, following shared/blink-api.md. */
final class BlinkApi {

    /** How long {@code run_sync=true} waits when no {@code timeout} is given (Blink's own default is unknown). */
    private static final int DEFAULT_SYNC_TIMEOUT_SECONDS = 300;

    /** A sync execute looks at its execution this often, so a cancel or a clock jump is seen soon. */
    private static final long SYNC_POLL_MILLIS = 100;

    private static final int DEFAULT_PAGE_LIMIT = 100;
    private static final int MAX_PAGE_LIMIT = 1000;

    private final FakeBlinkServer server;

    BlinkApi(FakeBlinkServer server) {
        this.server = server;
    }

    /** An error answer thrown from deep inside a handler, e.g. an unknown workspace. */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
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
                case GET_EXECUTION -> executionAnswer(execution(match));
                case GET_STEPS -> steps(execution(match));
                case GET_OUTPUTS -> outputs(execution(match));
                case CANCEL -> cancel(execution(match));
            };
        } catch (ApiError e) {
            return Answer.error(e.status, e.getMessage());
        }
    }

    private Answer userWorkspaces() {
        JsonArray array = new JsonArray();
        server.visibleWorkspaces().forEach(ws -> array.add(workspaceJson(ws)));
        return Answer.json(200, array);
    }

    private static JsonObject workspaceJson(FakeWorkspace ws) {
        JsonObject json = new JsonObject();
        json.addProperty("id", ws.id());
        json.addProperty("name", ws.name());
        json.addProperty("display_name", ws.name());
        return json;
    }

    private Answer listWorkflows(FakeWorkspace ws, RecordedRequest request) {
        int offset = 0;
        int limit = DEFAULT_PAGE_LIMIT;
        String q = request.query().get("q");
        if (q != null) {
            JsonObject rql = parseObject(q, "Invalid RQL query q: expected a JSON object");
            offset = intMember(rql, "offset", offset);
            limit = intMember(rql, "limit", limit);
        }
        if (offset < 0 || limit < 1 || limit > MAX_PAGE_LIMIT) {
            throw new ApiError(400, "Invalid RQL query: offset must be >= 0 and limit 1-" + MAX_PAGE_LIMIT);
        }
        List<FakeWorkflow> all = ws.workflows();
        JsonArray results = new JsonArray();
        for (FakeWorkflow wf : all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()))) {
            results.add(workflowJson(wf));
        }
        JsonObject page = new JsonObject();
        page.add("results", results);
        page.addProperty("total", all.size());
        return Answer.json(200, page);
    }

    private static Answer getWorkflow(FakeWorkflow wf) {
        JsonObject json = workflowJson(wf);
        json.add("custom_timeout", JsonNull.INSTANCE);
        return Answer.json(200, json);
    }

    private static JsonObject workflowJson(FakeWorkflow wf) {
        JsonObject json = new JsonObject();
        json.addProperty("id", wf.id());
        json.addProperty("name", wf.behaviour().name());
        json.addProperty("active", true);
        return json;
    }

    private Answer execute(Route.Match match, RecordedRequest request) {
        FakeWorkspace ws = workspace(match.param(0));
        FakeWorkflow wf = workflow(ws, match.param(1));
        JsonObject body = parseObject(request.body(), "Invalid request body: expected a JSON object");
        JsonElement inputs = body.get("input_values");
        if (inputs != null && !inputs.isJsonObject() && !inputs.isJsonNull()) {
            throw new ApiError(400, "Invalid request body: input_values must be an object");
        }
        boolean sync = "true".equalsIgnoreCase(request.query().get("run_sync"));
        int timeoutSeconds = syncTimeout(request);
        FakeExecution execution = server.startExecution(ws.id(), wf, request, body);
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

    /** Holds a {@code run_sync=true} request in real time until the run ends or the timeout passes. */
    private Answer waitForEnd(FakeExecution execution, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (!execution.endedAt(server.now())) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new ApiError(408, "Execution timed out after " + timeoutSeconds + " seconds");
            }
            long remaining = execution.remainingMillis(server.now());
            Thread.sleep(Math.max(1, Math.min(Math.min(remaining, leftMillis), SYNC_POLL_MILLIS)));
        }
        long now = server.now();
        if (execution.completed(now)) {
            return outputsAnswer(execution.behaviour().outputs());
        }
        throw new ApiError(
                400,
                execution.endedWithError(now)
                        ? errorDetails(execution, now).get("message").getAsString()
                        : "Execution ended with state " + execution.stateAt(now));
    }

    private Answer executionAnswer(FakeExecution execution) {
        long now = server.now();
        String state = execution.stateAt(now);
        FakeWorkflow.Behaviour behaviour = execution.behaviour();
        JsonObject json = new JsonObject();
        json.addProperty("id", execution.id());
        json.addProperty("playbook_id", execution.workflowId());
        json.addProperty("playbook_name", behaviour.name());
        json.addProperty("state", state.toLowerCase(Locale.ROOT));
        if (!server.omitStateUi()) {
            json.addProperty("state_ui", state);
        }
        json.add("error_details", errorDetailsOrNull(execution, now));
        json.add("inputs", execution.inputs());
        json.add("event", execution.startField("event"));
        json.add("trigger_type", execution.startField("trigger_type"));
        json.addProperty("started_at", execution.startedAt());
        Long finishedAt = execution.finishedAt(now);
        json.addProperty("finished_at", finishedAt);
        // Blink's unit for duration is not published; the fake gives milliseconds for both
        long runtime = (finishedAt == null ? now : finishedAt) - execution.startedAt();
        json.addProperty("duration", runtime);
        json.addProperty("net_runtime_ms", runtime);
        if (execution.cancelled()) {
            json.addProperty("cancel_reason", "Cancelled through the API");
        }
        if (!execution.completed(now)) {
            return Answer.json(200, json);
        }
        Outputs outputs = behaviour.outputs();
        if (!outputs.isHuge()) {
            json.add("outputs", outputs.asJson());
            return Answer.json(200, json);
        }
        // Stream the huge outputs as the last member: write the object without its closing brace first.
        String head = Json.GSON.toJson(json);
        byte[] open = (head.substring(0, head.length() - 1) + ",\"outputs\":").getBytes(StandardCharsets.UTF_8);
        return Answer.streamed(200, out -> {
            out.write(open);
            outputs.writeTo(out);
            out.write('}');
        });
    }

    private Answer steps(FakeExecution execution) {
        long now = server.now();
        String state = execution.stateAt(now);
        JsonArray results = new JsonArray();
        if (!"Pending".equals(state)) {
            FakeWorkflow.Behaviour behaviour = execution.behaviour();
            long startedAt = execution.startedAt() + behaviour.pendingFor().toMillis();
            boolean completed = execution.completed(now);
            if (!completed && !"step-1".equals(behaviour.failingStep())) {
                // the steps before the one that ends the run went well
                results.add(step("step-1", "completed", startedAt, startedAt, JsonNull.INSTANCE, JsonNull.INSTANCE));
            }
            boolean smallOutputs = completed && !behaviour.outputs().isHuge();
            results.add(step(
                    completed ? "step-1" : behaviour.failingStep(),
                    state.toLowerCase(Locale.ROOT),
                    startedAt,
                    execution.finishedAt(now),
                    smallOutputs ? behaviour.outputs().asJson() : JsonNull.INSTANCE,
                    errorDetailsOrNull(execution, now)));
        }
        JsonObject json = new JsonObject();
        json.add("results", results);
        return Answer.json(200, json);
    }

    private static JsonObject step(
            String id, String state, long startedAt, Long finishedAt, JsonElement output, JsonElement error) {
        JsonObject step = new JsonObject();
        step.addProperty("step_id", id);
        step.addProperty("state", state);
        step.addProperty("started_at", startedAt);
        step.addProperty("finished_at", finishedAt);
        step.add("output_data", output);
        step.add("error_data", error);
        return step;
    }

    private Answer outputs(FakeExecution execution) {
        if (!execution.completed(server.now())) {
            return Answer.json(200, new JsonObject());
        }
        return outputsAnswer(execution.behaviour().outputs());
    }

    private static Answer outputsAnswer(Outputs outputs) {
        return outputs.isHuge() ? Answer.streamed(200, outputs::writeTo) : Answer.json(200, outputs.asJson());
    }

    private Answer cancel(FakeExecution execution) {
        long now = server.now();
        if (!execution.cancel(now)) {
            throw new ApiError(400, "Execution is not running (state " + execution.stateAt(now) + ")");
        }
        return Answer.json(200, new JsonObject());
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
