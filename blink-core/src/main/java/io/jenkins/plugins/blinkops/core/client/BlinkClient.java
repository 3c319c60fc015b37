package io.jenkins.plugins.blinkops.core.client;

import static io.jenkins.plugins.blinkops.core.target.BlinkHost.segment;

import io.jenkins.plugins.blinkops.core.http.Answers;
import io.jenkins.plugins.blinkops.core.http.ApiCall;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.Cancellation;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.http.Futures;
import io.jenkins.plugins.blinkops.core.http.RequestBudget;
import io.jenkins.plugins.blinkops.core.json.ResponseParsers;
import io.jenkins.plugins.blinkops.core.model.ConnectionCheck;
import io.jenkins.plugins.blinkops.core.model.ExecutionPage;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.target.Operation;
import io.jenkins.plugins.blinkops.core.target.RunLinkTemplate;
import io.jenkins.plugins.blinkops.core.target.SafeId;
import io.jenkins.plugins.blinkops.core.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Blink API as the plugin uses it, for one API key. Cheap to create: the HTTP connections
 * belong to the shared {@link BlinkTransport}. Every method blocks until Blink answered (retrying
 * where safe) and throws {@link BlinkApiException} with a message a Jenkins user can act on, except
 * {@link #executeSyncAsync}, which answers a future at once and fails it with that exception.
 */
public final class BlinkClient {
    /** How long after its own {@code timeout} Blink may take to answer a synchronous run. */
    public static final Duration SYNC_GRACE = Duration.ofSeconds(30);
    /** The most workflows one listing asks for: the API's upper bound for {@code limit}. */
    static final int MAX_LISTED_WORKFLOWS = 1000;
    /** The most workflows a listing gathers, page by page: a drop-down longer than that helps nobody. */
    public static final int MAX_WORKFLOWS = 10_000;

    private final BlinkTransport transport;
    private final ApiKey key;
    private final Cancellation cancellation;

    public BlinkClient(BlinkTransport transport, ApiKey key, Cancellation cancellation) {
        this.transport = transport;
        this.key = key;
        this.cancellation = cancellation;
    }

    public BlinkClient(BlinkTransport transport, ApiKey key) {
        this(transport, key, new Cancellation());
    }

    /**
     * Who calls Blink through this client: equal for every client of one connection and key, so
     * that work shared by many steps (a batched poll) is shared only among steps Blink sees as the
     * same caller. Its text never shows the key.
     */
    public record Caller(ConnectionSettings settings, ApiKey key) {}

    public Caller caller() {
        return new Caller(transport.settings(), key);
    }

    /** A client with this one's connection and key whose calls no step's cancellation cuts off. */
    public BlinkClient detached() {
        return new BlinkClient(transport, key, new Cancellation());
    }

    /** Cancelling it stops this client's calls in flight, and the wait of a runner using it. */
    public Cancellation cancellation() {
        return cancellation;
    }

    public BlinkHost host() {
        return transport.settings().host();
    }

    /**
     * Blink's web page of one run, in the form the connection sets ({@link RunLinkTemplate}); {@code null} when an id it needs is
     * missing (the workflow of a run followed by its id, before Blink has told it) or is not a safe id.
     */
    public String runLink(String workspaceId, String workflowId, String executionId) {
        RunLinkTemplate template = transport.settings().runLink();
        try {
            String ws = ExecutionRequest.requireId(workspaceId, "workspaceId");
            String ex = ExecutionRequest.requireId(executionId, "executionId");
            String wf = template.needsWorkflow() ? ExecutionRequest.requireId(workflowId, "workflowId") : null;
            return template.expand(host(), ws, wf, ex);
        } catch (InvalidInputException notSafe) {
            return null;
        }
    }

    /** Starts the workflow and answers its execution id at once. */
    public String startExecution(ExecutionRequest request) throws BlinkApiException, InterruptedException {
        String id = transport.send(key, executeCall(request), ResponseParsers::executionId, cancellation);
        return SafeId.fromBlink(id, "execution id");
    }

    /**
     * Looks among the workflow's recent runs for the one {@code request} started, by its
     * {@linkplain ExecutionRequest#nonce() nonce}: after an ambiguous answer to its start.
     *
     * @param startedAtMillis when the start was first sent (epoch ms, this machine's clock)
     * @return the run's execution id, or empty when Blink's listing shows that no such run exists
     * @throws BlinkApiException when that cannot be told (the listing cannot be read, or is too long
     *     to read): its message says the run may exist and names the workflow and the nonce
     */
    public Optional<String> findStartedExecution(ExecutionRequest request, long startedAtMillis)
            throws BlinkApiException, InterruptedException {
        String ws = request.workspaceId();
        StartedRunFinder.Pages pages = new StartedRunFinder.Pages() {
            @Override
            public ExecutionPage page(String rqlQuery) throws BlinkApiException, InterruptedException {
                return executionPage(Target.workflow(ws, request.workflowId()), ws, rqlQuery);
            }

            @Override
            public String nonceOf(String executionId) throws BlinkApiException, InterruptedException {
                ApiCall call = ApiCall.get(
                        Operation.GET_EXECUTION, Target.execution(ws, executionId), executionPath(ws, executionId));
                return transport.send(key, call, ResponseParsers::startNonce, cancellation);
            }
        };
        StartedRunFinder.Lookup found =
                new StartedRunFinder(pages).find(request.workflowId(), request.nonce(), startedAtMillis);
        return found instanceof StartedRunFinder.Lookup.Found run ? Optional.of(run.executionId()) : Optional.empty();
    }

    /**
     * One page of the workspace's runs, as "List playbook executions with filtering" answers the RQL
     * query {@code rqlQuery}; which filters Blink honours is not published, so the caller checks
     * every run listed against what it asked.
     */
    public ExecutionPage listExecutions(String workspaceId, String rqlQuery)
            throws BlinkApiException, InterruptedException {
        String ws = ExecutionRequest.requireId(workspaceId, "workspaceId");
        return executionPage(Target.workspace(ws), ws, rqlQuery);
    }

    private ExecutionPage executionPage(Target target, String ws, String rqlQuery)
            throws BlinkApiException, InterruptedException {
        ApiCall call = ApiCall.get(Operation.LIST_EXECUTIONS, target, "/workspace/" + segment(ws) + "/executions")
                .withQuery("q", rqlQuery);
        return transport.send(key, call, ResponseParsers::executionPage, cancellation);
    }

    /** The connection's ceiling of requests per second, shared by every client of its transport. */
    public RequestBudget budget() {
        return transport.budget();
    }

    /**
     * Starts the workflow and lets Blink hold the request until it ends ({@code run_sync}), without
     * holding a thread: the future completes when Blink answers. Cancelling it, or this client's
     * {@link #cancellation()}, aborts the request at once (the connection is closed). It fails with
     * the {@link BlinkApiException} the blocking calls throw, after the same retries.
     *
     * @param timeout     how long Blink waits for the workflow (whole seconds, at least one); the
     *     answer is awaited that long plus {@link #SYNC_GRACE}
     * @param outputLimit how many characters of outputs to keep; no more than a few times as many
     *     bytes are held while the answer streams in
     */
    public CompletableFuture<Outputs> executeSyncAsync(ExecutionRequest request, Duration timeout, long outputLimit) {
        long seconds = Math.max(1, timeout.toSeconds());
        ApiCall call = executeCall(request)
                .withQuery("run_sync", "true")
                .withQuery("timeout", Long.toString(seconds))
                .withExtraWait(Duration.ofSeconds(seconds).plus(SYNC_GRACE));
        CompletableFuture<Outputs> answer = transport.sendAsync(
                key,
                call,
                (body, cut) -> markedIfCut(ResponseParsers.outputs(body, outputLimit), cut),
                bodyBudget(outputLimit));
        Cancellation.Registration onCancel = cancellation.whileRunning(() -> answer.cancel(true));
        answer.whenComplete((outputs, error) -> onCancel.close());
        return answer;
    }

    /** {@link #executeSyncAsync}, waited for in this thread (interruptibly). */
    public Outputs executeSync(ExecutionRequest request, Duration timeout, long outputLimit)
            throws BlinkApiException, InterruptedException {
        return Futures.await(executeSyncAsync(request, timeout, outputLimit));
    }

    /**
     * Bytes of a synchronous answer kept while it streams in: room for {@code outputLimit}
     * characters however they are written (UTF-8, {@code \\u} escapes), beyond which the reader
     * would cut anyway.
     */
    private static long bodyBudget(long outputLimit) {
        long chars = Math.min(outputLimit, Long.MAX_VALUE / 8);
        return 6 * chars + Answers.ERROR_BODY_LIMIT;
    }

    private static Outputs markedIfCut(Outputs outputs, boolean cut) {
        return cut && !outputs.truncated() ? new Outputs(outputs.values(), true) : outputs;
    }

    private static ApiCall executeCall(ExecutionRequest request) {
        String path = "/workspace/" + segment(request.workspaceId()) + "/playbooks/" + segment(request.workflowId())
                + "/execute";
        return ApiCall.post(
                Operation.EXECUTE,
                Target.workflow(request.workspaceId(), request.workflowId()),
                path,
                request.toJsonBody());
    }

    public ExecutionStatus getExecution(String workspaceId, String executionId, long outputLimit)
            throws BlinkApiException, InterruptedException {
        ApiCall call = ApiCall.get(
                Operation.GET_EXECUTION,
                Target.execution(workspaceId, executionId),
                executionPath(workspaceId, executionId));
        return transport.send(key, call, body -> ResponseParsers.execution(body, outputLimit), cancellation);
    }

    /**
     * The steps of an execution ({@code GET .../steps}): which one failed, and why, and the run's
     * outputs as {@code LastStepOutput} takes them from the steps' {@code output_data}.
     */
    public ExecutionSteps getSteps(String workspaceId, String executionId, long outputLimit)
            throws BlinkApiException, InterruptedException {
        ApiCall call = ApiCall.get(
                Operation.GET_STEPS,
                Target.execution(workspaceId, executionId),
                executionPath(workspaceId, executionId) + "/steps");
        return transport.send(key, call, body -> ResponseParsers.steps(body, outputLimit), cancellation);
    }

    /**
     * Asks Blink to stop an execution.
     *
     * Cancel is not in Blink's current reference (a 2022 spec had it): any 2xx, with or without a
     * body, counts as done, and 400 (that spec's "not running") or 409 as "not running any more".
     *
     * @return {@code false} when Blink says it is not running any more (HTTP 400 or 409)
     */
    public boolean cancelExecution(String workspaceId, String executionId)
            throws BlinkApiException, InterruptedException {
        ApiCall call = ApiCall.post(
                Operation.CANCEL,
                Target.execution(workspaceId, executionId),
                executionPath(workspaceId, executionId) + "/cancel",
                null);
        try {
            // a cancel must go out even when the wait it ends was itself cancelled
            transport.send(key, call, body -> Boolean.TRUE, new Cancellation());
            return true;
        } catch (BlinkApiException e) {
            if (e.reason() == BlinkApiException.Reason.HTTP_STATUS && (e.status() == 400 || e.status() == 409)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Checks the key ({@code GET /user-workspaces}) and, when {@code workspaceId} is given, that it
     * may use that workspace ({@code GET /workspaces/{id}}).
     */
    public ConnectionCheck checkConnection(String workspaceId) throws BlinkApiException, InterruptedException {
        int count = transport.send(
                key,
                ApiCall.get(Operation.CHECK_KEY, Target.NONE, "/user-workspaces"),
                ResponseParsers::workspaceCount,
                cancellation);
        if (workspaceId == null || workspaceId.isBlank()) {
            return new ConnectionCheck(host().url(), count, null, null);
        }
        String ws = ExecutionRequest.requireId(workspaceId, "workspaceId");
        String name = transport.send(
                key,
                ApiCall.get(Operation.GET_WORKSPACE, Target.workspace(ws), "/workspaces/" + segment(ws)),
                ResponseParsers::workspaceName,
                cancellation);
        return new ConnectionCheck(host().url(), count, ws, name);
    }

    /**
     * The workflows of a workspace, for a drop-down: page after page of {@value
     * #MAX_LISTED_WORKFLOWS} (the API's largest page) until Blink's {@code total}, at most {@value
     * #MAX_WORKFLOWS} in all; a workspace with more is cut there.
     */
    public List<WorkflowSummary> listWorkflows(String workspaceId) throws BlinkApiException, InterruptedException {
        String ws = ExecutionRequest.requireId(workspaceId, "workspaceId");
        List<WorkflowSummary> all = new ArrayList<>();
        int offset = 0;
        while (offset < MAX_WORKFLOWS) {
            ApiCall call = ApiCall.get(
                            Operation.LIST_WORKFLOWS, Target.workspace(ws), "/workspace/" + segment(ws) + "/playbooks")
                    .withQuery("q", "{\"offset\":" + offset + ",\"limit\":" + MAX_LISTED_WORKFLOWS + "}");
            ResponseParsers.WorkflowPage page = transport.send(key, call, ResponseParsers::workflowPage, cancellation);
            // an id that is not safe would go into a link or a later request: such a workflow is left out
            page.workflows().stream()
                    .filter(w -> SafeId.isSafe(w.id()))
                    .limit(MAX_WORKFLOWS - all.size())
                    .forEach(all::add);
            offset += page.workflows().size();
            boolean more = page.total() < 0
                    ? page.workflows().size() == MAX_LISTED_WORKFLOWS
                    : offset < page.total() && !page.workflows().isEmpty();
            if (!more) {
                break;
            }
        }
        return all;
    }

    private static String executionPath(String workspaceId, String executionId) {
        return "/workspace/" + segment(ExecutionRequest.requireId(workspaceId, "workspaceId")) + "/executions/"
                + segment(ExecutionRequest.requireId(executionId, "executionId"));
    }

    @Override
    public String toString() {
        return "BlinkClient[" + host() + ", key=****]";
    }
}
