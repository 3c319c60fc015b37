package io.jenkins.plugins.blinkops.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.http.Retries;
import io.jenkins.plugins.blinkops.core.http.RetryPolicy;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation against every fault the fake server can script, each with the behaviour written
 * down in {@link #MATRIX} (copied to docs/RELIABILITY.md). For every cell: the result and message
 * are the expected ones, no workflow is started twice where Blink may have acted, the call ends
 * within its configured timeouts, no connection stays leased, and the API key shows nowhere.
 *
 * <p>A fault strikes the first request of the operation's route only; a retry meets a healthy server.
 * Whether the fake acted before failing follows its rule (see {@link FakeBlinkServer}): 429, 503,
 * 401, 403 and 404 answer instead of acting; every other fault strikes after the work was done. A
 * start met by an ambiguous fault is looked up by its nonce: adopted when the run exists (one run),
 * sent once more when Blink shows none (the fake's 503).
 */
class FaultMatrixTest {
    private static final String KEY = "fault-matrix-secret-key-7f3a";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final RetryPolicy RETRIES =
            new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3));
    /** Longer than the response timeout, shorter than a synchronous run's extended one. */
    private static final Duration SLOW = Duration.ofMillis(800);
    /** How long a synchronous run may take in Blink; Blink gets {@link BlinkClient#SYNC_GRACE} more to answer. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(2);
    /** Scheduling, GC and starting threads on a busy 2-core machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    /**
     * The expected behaviour of each cell. result: {@code ok} (first try), {@code ok after retry},
     * {@code adopted} (the answer to a start was lost after Blink created the run: the run was found
     * by its nonce and taken over, with no second start; says is then a part of the log),
     * {@code false after retry} (a cancel whose retry Blink answered "not running": the first try
     * had cancelled it), or the failure's {@link BlinkApiException.Reason} ({@code HTTP n} for
     * {@code HTTP_STATUS}). requests: how many the fake received on the operation's route.
     * executions: how many the fake created ("-": not an execute; none may be created). says: a
     * part of the exception's message.
     */
    static final String MATRIX = """
            | operation        | fault              | result            | requests | executions | says                                  |
            |------------------|--------------------|-------------------|----------|------------|---------------------------------------|
            | execute async    | connection refused | NOT_SENT          | 0        | 0          | Cannot connect to                     |
            | execute async    | connection reset   | adopted           | 1        | 1          | Adopted execution                     |
            | execute async    | 429 Retry-After: 1 | ok after retry    | 2        | 1          |                                       |
            | execute async    | 500                | adopted           | 1        | 1          | Adopted execution                     |
            | execute async    | 502                | adopted           | 1        | 1          | Adopted execution                     |
            | execute async    | 503                | ok after retry    | 2        | 1          |                                       |
            | execute async    | 504                | adopted           | 1        | 1          | Adopted execution                     |
            | execute async    | slow answer        | adopted           | 1        | 1          | Adopted execution                     |
            | execute async    | HTML body          | adopted           | 1        | 1          | Adopted execution                     |
            | execute async    | truncated JSON     | adopted           | 1        | 1          | Adopted execution                     |
            | execute async    | empty body         | adopted           | 1        | 1          | Adopted execution                     |
            | execute async    | 401                | HTTP 401          | 1        | 0          | invalid or has expired                |
            | execute async    | 403                | HTTP 403          | 1        | 0          | Contributor or Owner                  |
            | execute async    | 404                | HTTP 404          | 1        | 0          | no workflow 'wf-quick'                |
            | execute sync     | connection refused | NOT_SENT          | 0        | 0          | Cannot connect to                     |
            | execute sync     | connection reset   | adopted           | 1        | 1          | Adopted execution                     |
            | execute sync     | 429 Retry-After: 1 | ok after retry    | 2        | 1          |                                       |
            | execute sync     | 500                | adopted           | 1        | 1          | Adopted execution                     |
            | execute sync     | 502                | adopted           | 1        | 1          | Adopted execution                     |
            | execute sync     | 503                | ok after retry    | 2        | 1          |                                       |
            | execute sync     | 504                | adopted           | 1        | 1          | Adopted execution                     |
            | execute sync     | slow answer        | ok                | 1        | 1          |                                       |
            | execute sync     | HTML body          | adopted           | 1        | 1          | Adopted execution                     |
            | execute sync     | truncated JSON     | adopted           | 1        | 1          | Adopted execution                     |
            | execute sync     | empty body         | adopted           | 1        | 1          | Adopted execution                     |
            | execute sync     | 401                | HTTP 401          | 1        | 0          | invalid or has expired                |
            | execute sync     | 403                | HTTP 403          | 1        | 0          | Contributor or Owner                  |
            | execute sync     | 404                | HTTP 404          | 1        | 0          | no workflow 'wf-quick'                |
            | get execution    | connection refused | NOT_SENT          | 0        | -          | Cannot connect to                     |
            | get execution    | connection reset   | ok after retry    | 2        | -          |                                       |
            | get execution    | 429 Retry-After: 1 | ok after retry    | 2        | -          |                                       |
            | get execution    | 500                | ok after retry    | 2        | -          |                                       |
            | get execution    | 502                | ok after retry    | 2        | -          |                                       |
            | get execution    | 503                | ok after retry    | 2        | -          |                                       |
            | get execution    | 504                | ok after retry    | 2        | -          |                                       |
            | get execution    | slow answer        | ok after retry    | 2        | -          |                                       |
            | get execution    | HTML body          | INVALID_ANSWER    | 1        | -          | <html>                                |
            | get execution    | truncated JSON     | INVALID_ANSWER    | 1        | -          | not the JSON expected                 |
            | get execution    | empty body         | INVALID_ANSWER    | 1        | -          | an empty body                         |
            | get execution    | 401                | HTTP 401          | 1        | -          | invalid or has expired                |
            | get execution    | 403                | HTTP 403          | 1        | -          | Contributor or Owner                  |
            | get execution    | 404                | HTTP 404          | 1        | -          | no execution                          |
            | cancel           | connection refused | NOT_SENT          | 0        | -          | Cannot connect to                     |
            | cancel           | connection reset   | false after retry | 2        | -          |                                       |
            | cancel           | 429 Retry-After: 1 | ok after retry    | 2        | -          |                                       |
            | cancel           | 500                | false after retry | 2        | -          |                                       |
            | cancel           | 502                | false after retry | 2        | -          |                                       |
            | cancel           | 503                | ok after retry    | 2        | -          |                                       |
            | cancel           | 504                | false after retry | 2        | -          |                                       |
            | cancel           | slow answer        | false after retry | 2        | -          |                                       |
            | cancel           | HTML body          | ok                | 1        | -          |                                       |
            | cancel           | truncated JSON     | ok                | 1        | -          |                                       |
            | cancel           | empty body         | ok                | 1        | -          |                                       |
            | cancel           | 401                | HTTP 401          | 1        | -          | invalid or has expired                |
            | cancel           | 403                | HTTP 403          | 1        | -          | Contributor or Owner                  |
            | cancel           | 404                | HTTP 404          | 1        | -          | no execution                          |
            | check connection | connection refused | NOT_SENT          | 0        | -          | Cannot connect to                     |
            | check connection | connection reset   | ok after retry    | 2        | -          |                                       |
            | check connection | 429 Retry-After: 1 | ok after retry    | 2        | -          |                                       |
            | check connection | 500                | ok after retry    | 2        | -          |                                       |
            | check connection | 502                | ok after retry    | 2        | -          |                                       |
            | check connection | 503                | ok after retry    | 2        | -          |                                       |
            | check connection | 504                | ok after retry    | 2        | -          |                                       |
            | check connection | slow answer        | ok after retry    | 2        | -          |                                       |
            | check connection | HTML body          | INVALID_ANSWER    | 1        | -          | <html>                                |
            | check connection | truncated JSON     | INVALID_ANSWER    | 1        | -          | not the JSON expected                 |
            | check connection | empty body         | INVALID_ANSWER    | 1        | -          | an empty body                         |
            | check connection | 401                | HTTP 401          | 1        | -          | invalid or has expired                |
            | check connection | 403                | HTTP 403          | 1        | -          | Contributor or Owner                  |
            | check connection | 404                | HTTP 404          | 1        | -          | did not recognise the API address     |
            | list workflows   | connection refused | NOT_SENT          | 0        | -          | Cannot connect to                     |
            | list workflows   | connection reset   | ok after retry    | 2        | -          |                                       |
            | list workflows   | 429 Retry-After: 1 | ok after retry    | 2        | -          |                                       |
            | list workflows   | 500                | ok after retry    | 2        | -          |                                       |
            | list workflows   | 502                | ok after retry    | 2        | -          |                                       |
            | list workflows   | 503                | ok after retry    | 2        | -          |                                       |
            | list workflows   | 504                | ok after retry    | 2        | -          |                                       |
            | list workflows   | slow answer        | ok after retry    | 2        | -          |                                       |
            | list workflows   | HTML body          | INVALID_ANSWER    | 1        | -          | <html>                                |
            | list workflows   | truncated JSON     | INVALID_ANSWER    | 1        | -          | not the JSON expected                 |
            | list workflows   | empty body         | INVALID_ANSWER    | 1        | -          | an empty body                         |
            | list workflows   | 401                | HTTP 401          | 1        | -          | invalid or has expired                |
            | list workflows   | 403                | HTTP 403          | 1        | -          | Contributor or Owner                  |
            | list workflows   | 404                | HTTP 404          | 1        | -          | no workspace 'ws-1'                   |
            """;

    enum Op {
        EXECUTE_ASYNC("execute async", Route.EXECUTE),
        EXECUTE_SYNC("execute sync", Route.EXECUTE),
        GET_EXECUTION("get execution", Route.GET_EXECUTION),
        CANCEL("cancel", Route.CANCEL),
        CHECK_CONNECTION("check connection", Route.USER_WORKSPACES),
        LIST_WORKFLOWS("list workflows", Route.LIST_WORKFLOWS);

        final String label;
        final Route route;

        Op(String label, Route route) {
            this.label = label;
            this.route = route;
        }

        boolean executes() {
            return route == Route.EXECUTE;
        }
    }

    enum Injected {
        REFUSED("connection refused", null),
        RESET("connection reset", Fault.connectionReset()),
        TOO_MANY("429 Retry-After: 1", Fault.tooManyRequests(1)),
        S500("500", Fault.status(500)),
        S502("502", Fault.status(502)),
        S503("503", Fault.status(503)),
        S504("504", Fault.status(504)),
        SLOW_ANSWER("slow answer", Fault.slow(SLOW)),
        HTML("HTML body", Fault.htmlBody()),
        TRUNCATED("truncated JSON", Fault.truncatedJson()),
        EMPTY("empty body", Fault.emptyBody()),
        S401("401", Fault.status(401)),
        S403("403", Fault.status(403)),
        S404("404", Fault.status(404));

        final String label;
        final Fault fault;

        Injected(String label, Fault fault) {
            this.label = label;
            this.fault = fault;
        }
    }

    record Cell(Op op, Injected fault, String result, int requests, Integer executions, String says) {
        @Override
        public String toString() {
            return op.label + " × " + fault.label;
        }
    }

    static List<Cell> cells() {
        return MATRIX.lines()
                .skip(2)
                .filter(l -> l.startsWith("|"))
                .map(l -> Arrays.stream(l.split("\\|")).map(String::strip).toList())
                .map(c -> new Cell(
                        Arrays.stream(Op.values())
                                .filter(o -> o.label.equals(c.get(1)))
                                .findFirst()
                                .orElseThrow(),
                        Arrays.stream(Injected.values())
                                .filter(f -> f.label.equals(c.get(2)))
                                .findFirst()
                                .orElseThrow(),
                        c.get(3),
                        Integer.parseInt(c.get(4)),
                        c.get(5).equals("-") ? null : Integer.valueOf(c.get(5)),
                        c.size() > 6 ? c.get(6) : ""))
                .toList();
    }

    static Stream<Arguments> matrix() {
        return cells().stream().map(c -> Arguments.of(c));
    }

    @Test
    void theMatrixHasOneRowForEveryOperationAndFault() {
        Set<String> seen = new HashSet<>();
        for (Cell c : cells()) {
            assertThat(seen.add(c.toString())).as("duplicate row " + c).isTrue();
        }
        assertThat(seen).hasSize(Op.values().length * Injected.values().length);
    }

    private FakeBlinkServer server;
    private BlinkTransport transport;

    @AfterEach
    void stop() throws InterruptedException {
        if (transport != null) {
            // the asynchronous client (synchronous runs) gives its connection back just after it
            // completed the call's future: allow it that moment, not more
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (transport.leasedConnections() > 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(transport.leasedConnections())
                    .as("connections leased after the call")
                    .isZero();
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void cell(Cell cell) throws Exception {
        try {
            check(cell);
        } catch (AssertionError e) {
            // Maven's console names a case by its index ("cell(Cell)[33]"): say which cell failed
            throw new AssertionError(cell + ": " + e.getMessage(), e);
        }
    }

    private void check(Cell cell) throws Exception {
        server = FakeBlinkServer.start().apiKey(KEY);
        server.workspace("ws-1", "Ops");
        server.workflow("ws-1", "wf-quick");
        server.workflow("ws-1", "wf-long").takes(Duration.ofMinutes(10));
        String url = server.url();
        if (cell.fault() == Injected.REFUSED) {
            try (ServerSocket s = new ServerSocket(0)) {
                url = "http://127.0.0.1:" + s.getLocalPort();
            }
        }
        transport = BlinkTransport.forSettings(ConnectionSettings.of(BlinkHost.parse(url))
                .withTimeouts(CONNECT_TIMEOUT, RESPONSE_TIMEOUT, CALL_TIMEOUT)
                .withRetryPolicy(RETRIES));
        BlinkClient client = new BlinkClient(transport, ApiKey.of(KEY));
        Fixtures.CapturedLog log = new Fixtures.CapturedLog();
        RunOptions options = RunOptions.DEFAULT.withTimeout(SYNC_TIMEOUT).withWaitMode(WaitMode.SYNC);
        WorkflowRunner runner = new WorkflowRunner(client, options, log.log);

        // an execution to read or cancel, started on a healthy server before the fault is queued
        String executionId = "no-server-no-execution";
        if (cell.fault() != Injected.REFUSED && !cell.op().executes()) {
            executionId = new BlinkClient(BlinkTransport.forSettings(Fixtures.settings(server)), ApiKey.of(KEY))
                    .startExecution(ExecutionRequest.builder("ws-1", "wf-long").build());
        }
        int executionsBefore =
                cell.fault() == Injected.REFUSED ? 0 : server.executions().size();
        int executesBefore = cell.fault() == Injected.REFUSED ? 0 : server.count(Route.EXECUTE);
        if (cell.fault().fault != null) {
            server.fault(cell.op().route, cell.fault().fault);
        }

        ExecutionRequest request = ExecutionRequest.builder("ws-1", "wf-quick").build();
        String id = executionId;
        long start = System.nanoTime();
        Object result = null;
        BlinkApiException failure = null;
        try {
            result = switch (cell.op()) {
                case EXECUTE_ASYNC -> runner.start(request);
                case EXECUTE_SYNC -> runner.runSync(request);
                case GET_EXECUTION -> client.getExecution("ws-1", id, 1000);
                case CANCEL -> client.cancelExecution("ws-1", id);
                case CHECK_CONNECTION -> client.checkConnection("ws-1");
                case LIST_WORKFLOWS -> client.listWorkflows("ws-1");
            };
        } catch (BlinkApiException e) {
            failure = e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // the result
        String expected = cell.result();
        if (expected.equals("adopted")) {
            assertThat(failure).as("failure").isNull();
            assertThat(log.text()).contains(cell.says());
            if (cell.op() == Op.EXECUTE_SYNC) {
                assertThat(((ExecutionOutcome) result).success()).isTrue();
            }
        } else if (expected.startsWith("ok") || expected.startsWith("false")) {
            assertThat(failure).as("failure").isNull();
            assertThat(result).isNotNull();
            if (cell.op() == Op.CANCEL) {
                assertThat(result).isEqualTo(expected.startsWith("ok"));
            }
            if (cell.op() == Op.EXECUTE_SYNC) {
                assertThat(((ExecutionOutcome) result).success()).isTrue();
            }
        } else {
            assertThat(failure).as("failure").isNotNull();
            String reason = expected.startsWith("HTTP ") ? "HTTP_STATUS" : expected;
            assertThat(failure.reason().name()).isEqualTo(reason);
            if (expected.startsWith("HTTP ")) {
                assertThat(failure.status()).isEqualTo(Integer.parseInt(expected.substring(5)));
            }
            assertThat(failure.getMessage()).contains(cell.says());
        }

        // what reached Blink, and what Blink did
        if (cell.fault() != Injected.REFUSED) {
            assertThat(server.count(cell.op().route) - (cell.op().executes() ? executesBefore : 0))
                    .as("requests on " + cell.op().route)
                    .isEqualTo(cell.requests());
            int created = server.executions().size() - executionsBefore;
            if (cell.op().executes()) {
                assertThat(created).as("executions created").isEqualTo(cell.executions());
            } else {
                assertThat(created).as("executions created").isZero();
                assertThat(server.count(Route.EXECUTE)).as("execute requests").isEqualTo(executesBefore);
            }
            assertThat(created).as("at most one workflow started").isLessThanOrEqualTo(1);
            if (failure != null && Retries.blinkCannotHaveActed(failure)) {
                assertThat(created)
                        .as("the engine said Blink cannot have acted")
                        .isZero();
            }
        }

        // bounded by the configured timeouts
        Duration bound = CALL_TIMEOUT.plus(SLACK);
        if (cell.op() == Op.EXECUTE_SYNC) {
            bound = bound.plus(SYNC_TIMEOUT).plus(BlinkClient.SYNC_GRACE);
        }
        assertThat(took).as("time taken").isLessThan(bound);

        // the key shows nowhere
        assertThat(log.text()).doesNotContain(KEY);
        assertThat(String.valueOf(result)).doesNotContain(KEY);
        assertThat(client.toString()).doesNotContain(KEY);
        assertThat(transport.settings().toString()).doesNotContain(KEY);
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(KEY);
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
                assertThat(t.toString()).doesNotContain(KEY);
            }
        }
    }
}
