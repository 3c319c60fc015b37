package io.jenkins.plugins.blinkops.core.client;

import static io.jenkins.plugins.blinkops.core.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.Cancellation;
import io.jenkins.plugins.blinkops.core.http.Retries;
import io.jenkins.plugins.blinkops.core.http.RetryPolicy;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the client behaves when Blink or the network misbehaves: retried where safe, explained always. */
class BlinkClientFaultsTest {
    private FakeBlinkServer server;
    private BlinkClient client;
    private final ExecutionRequest request =
            ExecutionRequest.builder("ws-1", "wf-1").build();

    @BeforeEach
    void start() {
        server = FakeBlinkServer.start();
        server.workspace("ws-1", "Ops");
        server.workflow("ws-1", "wf-1");
        server.forbiddenWorkspace("ws-locked");
        client = Fixtures.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BlinkApiException failure(ThrowingCall call) {
        BlinkApiException e = catchThrowableOfType(BlinkApiException.class, call::run);
        assertThat(e).as("expected a BlinkApiException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(KEY);
        return e;
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void wrongKeyIsExplained() {
        BlinkClient wrongKey =
                new BlinkClient(BlinkTransport.forSettings(Fixtures.settings(server)), ApiKey.of("not-the-key"));
        BlinkApiException e = failure(() -> wrongKey.startExecution(request));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.isPermanent()).isTrue();
        assertThat(e.getMessage()).contains("invalid or has expired").contains("update the Jenkins credential");
        assertThat(server.executions()).isEmpty();
        assertThat(server.count(Route.EXECUTE)).as("401 is not retried").isEqualTo(1);
    }

    @Test
    void missingRoleIsExplained() {
        server.workflow("ws-locked", "wf-1");
        BlinkApiException e = failure(() -> client.startExecution(
                ExecutionRequest.builder("ws-locked", "wf-1").build()));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).contains("workspace 'ws-locked'").contains("Contributor or Owner");
    }

    @Test
    void unknownWorkflowIsNamed() {
        BlinkApiException e = failure(() ->
                client.startExecution(ExecutionRequest.builder("ws-1", "nope").build()));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("no workflow 'nope' in workspace 'ws-1'");
        assertThat(e.blinkMessage()).isEqualTo("Can not find Playbook");
    }

    @Test
    void unknownWorkspaceIsNamed() {
        BlinkApiException e = failure(() -> client.checkConnection("ws-missing"));
        assertThat(e.getMessage()).contains("no workspace 'ws-missing'");
    }

    @Test
    void unknownExecutionIsNamed() {
        BlinkApiException e = failure(() -> client.getExecution("ws-1", "no-such-run", 10));
        assertThat(e.getMessage()).contains("no execution 'no-such-run'");
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheTimeAskedFor() throws Exception {
        server.fault(Route.EXECUTE, Fault.tooManyRequests(1));
        long start = System.nanoTime();
        String id = client.startExecution(request);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(server.count(Route.EXECUTE)).isEqualTo(2);
        assertThat(server.executions()).singleElement().extracting(e -> e.id()).isEqualTo(id);
    }

    @Test
    void aRetryAfterLongerThanAllowedIsNotWaitedFor() {
        server.fault(Route.EXECUTE, Fault.tooManyRequests(3600));
        BlinkApiException e = failure(() -> client.startExecution(request));
        assertThat(e.status()).isEqualTo(429);
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void unavailableIsNotResentBlindlyForAStart() {
        // a gateway's 503 may come after it forwarded the start: the runner looks for the run instead
        server.fault(Route.EXECUTE, Fault.status(503), 2);
        BlinkApiException e = failure(() -> client.startExecution(request));
        assertThat(e.status()).isEqualTo(503);
        assertThat(Retries.startIsAmbiguous(e)).isTrue();
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504})
    void aStartThatBlinkMayHaveActedOnIsNeverSentTwice(int status) {
        server.fault(Route.EXECUTE, Fault.status(status));
        BlinkApiException e = failure(() -> client.startExecution(request));
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).contains("HTTP " + status);
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void aResetStartIsNeverSentTwiceAndSaysWhy() {
        server.fault(Route.EXECUTE, Fault.connectionReset());
        BlinkApiException e = failure(() -> client.startExecution(request));
        assertThat(e.reason()).isEqualTo(BlinkApiException.Reason.NO_ANSWER);
        assertThat(e.getMessage()).contains("may have started the workflow").contains("cannot run twice");
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void readsAreRetriedOnServerErrors(int status) throws Exception {
        String id = client.startExecution(request);
        server.fault(Route.GET_EXECUTION, Fault.status(status), 2);
        assertThat(client.getExecution("ws-1", id, 10).state().isSuccess()).isTrue();
        assertThat(server.count(Route.GET_EXECUTION)).isEqualTo(3);
    }

    @Test
    void readsAreRetriedAfterAResetButNotAfterAWholeAnswerThatCannotBeRead() throws Exception {
        String id = client.startExecution(request);
        server.fault(Route.GET_EXECUTION, Fault.connectionReset());
        assertThat(client.getExecution("ws-1", id, 10).executionId()).isEqualTo(id);
        assertThat(server.count(Route.GET_EXECUTION)).isEqualTo(2);

        server.fault(Route.GET_EXECUTION, Fault.truncatedJson());
        BlinkApiException e = failure(() -> client.getExecution("ws-1", id, 10));
        assertThat(e.reason()).isEqualTo(BlinkApiException.Reason.INVALID_ANSWER);
        assertThat(e.getMessage()).contains("'{\"execution_id\":\"a22f642a-f4fc-4c66-b978-6f1d'");
        assertThat(server.count(Route.GET_EXECUTION)).isEqualTo(3);
    }

    @Test
    void aUserWorkspacesAnswerOfAnotherShapeIsReportedAtOnceQuotingIt() {
        server.fault(Route.USER_WORKSPACES, Fault.status(200, "\"just a string\"", "application/json"));
        BlinkApiException e = failure(() -> client.checkConnection(null));
        assertThat(e.reason()).isEqualTo(BlinkApiException.Reason.INVALID_ANSWER);
        assertThat(e.getMessage()).contains("check the API key").contains("'\"just a string\"'");
        assertThat(server.count(Route.USER_WORKSPACES)).isEqualTo(1);
    }

    @Test
    void retriesStopAfterTheConfiguredAttempts() {
        server.fault(Route.USER_WORKSPACES, Fault.status(502), 10);
        BlinkApiException e = failure(() -> client.checkConnection(null));
        assertThat(e.status()).isEqualTo(502);
        assertThat(server.count(Route.USER_WORKSPACES)).isEqualTo(Fixtures.QUICK_RETRIES.maxAttempts());
    }

    @Test
    void anHtmlAnswerIsQuotedNotParsed() {
        server.fault(Route.EXECUTE, Fault.htmlBody());
        BlinkApiException e = failure(() -> client.startExecution(request));
        assertThat(e.reason()).isEqualTo(BlinkApiException.Reason.INVALID_ANSWER);
        assertThat(e.getMessage()).contains("not the JSON expected").contains("<html>");
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void anEmptyAnswerIsSaidToBeEmpty() {
        server.fault(Route.LIST_WORKFLOWS, Fault.emptyBody(), 10);
        BlinkApiException e = failure(() -> client.listWorkflows("ws-1"));
        assertThat(e.getMessage()).contains("an empty body");
    }

    @Test
    void aSlowAnswerTimesOutAtTheResponseTimeout() {
        BlinkClient impatient = new BlinkClient(
                BlinkTransport.forSettings(Fixtures.settings(server)
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(5))
                        .withRetryPolicy(RetryPolicy.NONE)),
                ApiKey.of(KEY));
        server.fault(Route.EXECUTE, Fault.slow(Duration.ofSeconds(2)));
        BlinkApiException e = failure(() -> impatient.startExecution(request));
        assertThat(e.reason()).isEqualTo(BlinkApiException.Reason.TIMED_OUT);
        assertThat(e.getMessage()).contains("did not answer within 300 ms").contains("not sent again");
    }

    @Test
    void theCallTimeoutBoundsAllTriesTogether() {
        BlinkClient bounded = new BlinkClient(
                BlinkTransport.forSettings(Fixtures.settings(server)
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(700))),
                ApiKey.of(KEY));
        server.fault(Route.USER_WORKSPACES, Fault.slow(Duration.ofSeconds(3)), 5);
        long start = System.nanoTime();
        BlinkApiException e = failure(() -> bounded.checkConnection(null));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.reason()).isEqualTo(BlinkApiException.Reason.TIMED_OUT);
        assertThat(e.getMessage()).contains("call timeout");
    }

    @Test
    void connectionRefusedIsRetriedThenExplained() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        BlinkClient nowhere = new BlinkClient(
                BlinkTransport.forSettings(Fixtures.settings("http://127.0.0.1:" + closedPort)), ApiKey.of(KEY));
        BlinkApiException e = failure(() -> nowhere.startExecution(request));
        assertThat(e.reason()).isEqualTo(BlinkApiException.Reason.NOT_SENT);
        assertThat(e.getMessage()).contains("Cannot connect to http://127.0.0.1:" + closedPort);
        assertThat(Retries.blinkCannotHaveActed(e)).isTrue();
    }

    @Test
    void anUnknownHostIsNotRetried() {
        BlinkClient nowhere =
                new BlinkClient(BlinkTransport.forSettings(Fixtures.settings("http://blink.invalid")), ApiKey.of(KEY));
        BlinkApiException e = failure(() -> nowhere.checkConnection(null));
        assertThat(e.getMessage()).contains("Cannot find the host of http://blink.invalid");
    }

    @Test
    void aRedirectIsReportedNotFollowed() {
        server.fault(Route.EXECUTE, Fault.status(301, "", "text/plain"));
        BlinkApiException e = failure(() -> client.startExecution(request));
        assertThat(e.getMessage()).contains("redirect");
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void aKeyEchoedByBlinkIsMaskedInTheMessage() {
        server.fault(Route.EXECUTE, Fault.status(400, "{\"message\":\"bad header " + KEY + "\"}", "application/json"));
        BlinkApiException e = failure(() -> client.startExecution(request));
        assertThat(e.blinkMessage()).isEqualTo("bad header ****");
    }

    @Test
    void cancellingStopsAStartInFlightWithoutRetrying() throws Exception {
        Cancellation cancellation = new Cancellation();
        BlinkClient cancellable =
                new BlinkClient(BlinkTransport.forSettings(Fixtures.settings(server)), ApiKey.of(KEY), cancellation);
        server.fault(Route.EXECUTE, Fault.slow(Duration.ofSeconds(3)));
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            cancellation.cancel();
        });
        canceller.start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> cancellable.startExecution(request)).isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        canceller.join();
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }
}
