package io.jenkins.plugins.blinkops.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.ExecutionListing;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.FakeGateway;
import io.jenkins.plugins.blinkops.core.fake.FakeGateway.Lost;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.target.StartNonce;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A start whose answer is lost after Blink created the run (a gateway's 502, 503 or 504, a reset,
 * a silence past the read timeout) is found again by its nonce and adopted, never sent blindly a
 * second time; a start Blink shows it never received is sent once more; and where Blink's list of
 * runs cannot be read the step fails saying the run may exist.
 */
class ExactlyOnceStartTest {
    private FakeBlinkServer blink;
    private FakeGateway gateway;
    private BlinkTransport transport;
    private final Fixtures.CapturedLog log = new Fixtures.CapturedLog();

    @BeforeEach
    void start() {
        blink = FakeBlinkServer.start().apiKey(Fixtures.KEY).workspace("ws-1", "Ops");
        blink.workflow("ws-1", "wf-1").takes(Duration.ofMillis(200)).outputs("{\"done\":true}");
        blink.workflow("ws-1", "wf-other");
        gateway = FakeGateway.inFrontOf(blink);
        transport = BlinkTransport.open(ConnectionSettings.of(BlinkHost.parse(gateway.url()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(10))
                .withRetryPolicy(Fixtures.QUICK_RETRIES));
    }

    @AfterEach
    void stop() {
        transport.close();
        gateway.close();
        blink.close();
    }

    private WorkflowRunner runner(WaitMode mode) {
        return new WorkflowRunner(
                new BlinkClient(transport, ApiKey.of(Fixtures.KEY)),
                Fixtures.options(mode).withTimeout(Duration.ofSeconds(10)),
                log.log);
    }

    private static ExecutionRequest request() {
        return ExecutionRequest.builder("ws-1", "wf-1").build();
    }

    @ParameterizedTest
    @EnumSource(Lost.class)
    void aLostAnswerToAFollowedStartIsAdoptedAndFollowedToItsEnd(Lost lost) throws Exception {
        gateway.loseNextExecuteAnswer(lost);
        ExecutionRequest request = request();

        ExecutionOutcome outcome = runner(WaitMode.FOLLOW).run(request);

        assertThat(blink.count(Route.EXECUTE)).as("starts sent").isEqualTo(1);
        assertThat(blink.executions()).hasSize(1);
        assertThat(outcome.executionId()).isEqualTo(blink.executions().get(0).id());
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.state().name()).isEqualTo("Completed");
        assertThat(log.text()).contains("Adopted execution " + outcome.executionId(), request.nonce());
    }

    @ParameterizedTest
    @EnumSource(
            value = Lost.class,
            names = {"BAD_GATEWAY_502", "UNAVAILABLE_503", "GATEWAY_TIMEOUT_504", "RESET"})
    void aLostAnswerToASynchronousRunIsAdoptedAndPolledToItsEnd(Lost lost) throws Exception {
        gateway.loseNextExecuteAnswer(lost);

        ExecutionOutcome outcome = runner(WaitMode.SYNC).runSync(request());

        assertThat(blink.count(Route.EXECUTE)).isEqualTo(1);
        assertThat(blink.executions()).hasSize(1);
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.executionId()).isEqualTo(blink.executions().get(0).id());
        assertThat(outcome.outputs().values().toString()).contains("done");
        assertThat(log.text()).contains("Adopted execution");
    }

    @ParameterizedTest
    @EnumSource(ExecutionListing.class)
    void theRunIsFoundWhateverTheListingDoesWithTheFilterAmongManyOtherRuns(ExecutionListing listing) throws Exception {
        blink.executionListing(listing);
        // 150 runs of another workflow and two earlier ones of this one, with other nonces: more
        // than a page when the filter is ignored; only the nonce tells which run is ours
        BlinkClient direct =
                new BlinkClient(BlinkTransport.forSettings(Fixtures.settings(blink)), ApiKey.of(Fixtures.KEY));
        for (int i = 0; i < 150; i++) {
            direct.startExecution(ExecutionRequest.builder("ws-1", "wf-other").build());
        }
        direct.startExecution(request());
        direct.startExecution(request());
        gateway.loseNextExecuteAnswer(Lost.BAD_GATEWAY_502);
        ExecutionRequest request = request();

        FollowState started = runner(WaitMode.FOLLOW).start(request);

        assertThat(blink.count(Route.EXECUTE)).isEqualTo(153);
        String ours = blink.executions().get(152).id();
        assertThat(started.executionId()).isEqualTo(ours);
        assertThat(StartNonce.of(com.google.gson.JsonParser.parseString(
                                blink.execution(ours).startRequest().body())
                        .getAsJsonObject()
                        .get("event")))
                .isEqualTo(request.nonce());
    }

    @Test
    void aStartBlinkNeverReceivedIsSentOnceMore() throws Exception {
        // the fake's own 503 answers instead of acting: no run; the engine cannot know that, so it looks
        blink.fault(Route.EXECUTE, Fault.status(503));

        ExecutionOutcome outcome = runner(WaitMode.FOLLOW).run(request());

        assertThat(blink.count(Route.EXECUTE)).as("starts sent").isEqualTo(2);
        assertThat(blink.count(Route.LIST_EXECUTIONS)).isPositive();
        assertThat(blink.executions()).hasSize(1);
        assertThat(outcome.success()).isTrue();
        assertThat(log.text()).contains("sending it once more");
    }

    @Test
    void aSecondLostAnswerIsResolvedTooAndNeverSentAThirdTime() throws Exception {
        blink.fault(Route.EXECUTE, Fault.status(503));
        gateway.loseNextExecuteAnswer(Lost.UNAVAILABLE_503).loseNextExecuteAnswer(Lost.RESET);

        FollowState started = runner(WaitMode.FOLLOW).start(request());

        assertThat(blink.count(Route.EXECUTE)).isEqualTo(2);
        assertThat(blink.executions()).hasSize(1);
        assertThat(started.executionId()).isEqualTo(blink.executions().get(0).id());
    }

    @Test
    void whenTheListingCannotBeReadTheStepFailsSayingTheRunMayExist() {
        blink.fault(Route.LIST_EXECUTIONS, Fault.status(500), 10);
        gateway.loseNextExecuteAnswer(Lost.GATEWAY_TIMEOUT_504);
        ExecutionRequest request = request();

        assertThatThrownBy(() -> runner(WaitMode.FOLLOW).run(request))
                .isInstanceOf(BlinkApiException.class)
                .hasMessageContaining("may exist")
                .hasMessageContaining("wf-1")
                .hasMessageContaining(request.nonce());
        assertThat(blink.count(Route.EXECUTE)).isEqualTo(1);
        assertThat(blink.executions()).hasSize(1);
    }

    @Test
    void anUnreadableListingIsNoProofOfAbsence() {
        blink.fault(Route.LIST_EXECUTIONS, Fault.htmlBody());
        gateway.loseNextExecuteAnswer(Lost.RESET);
        ExecutionRequest request = request();

        assertThatThrownBy(() -> runner(WaitMode.SYNC).runSync(request))
                .isInstanceOf(BlinkApiException.class)
                .hasMessageContaining("may exist")
                .hasMessageContaining(request.nonce());
        assertThat(blink.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void aTooManyRequestsAnswerIsStillSimplyRetried() throws Exception {
        blink.fault(Route.EXECUTE, Fault.tooManyRequests(1));

        runner(WaitMode.NONE).run(request());

        assertThat(blink.count(Route.EXECUTE)).isEqualTo(2);
        assertThat(blink.count(Route.LIST_EXECUTIONS)).isZero();
        assertThat(blink.executions()).hasSize(1);
    }
}
