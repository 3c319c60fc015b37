package io.jenkins.plugins.blinkops.core.run;

import static io.jenkins.plugins.blinkops.core.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.callback.CallbackReceiver;
import io.jenkins.plugins.blinkops.core.callback.CallbackRegistry;
import io.jenkins.plugins.blinkops.core.callback.CallbackToken;
import io.jenkins.plugins.blinkops.core.callback.Wakeup;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.CallbackDelivery;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.RecordedRequest;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.fake.SentCallback;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A wait woken by Blink's callback, end to end over loopback: the fake Blink calls back as each
 * {@link CallbackDelivery} variant says, {@link CallbackReceiver} (standing in for the Jenkins
 * endpoint) knocks on a {@link CallbackRegistry}, and the knock rings the {@link Wakeup} of a
 * blocking {@link WorkflowRunner#run(ExecutionRequest, Wakeup)}.
 *
 * <p>The waits use the real fallback (first poll after a minute) unless the variant needs it, and a
 * timeout of 30 s, which caps that first poll: a wait the callback failed to wake ends timed out,
 * and the test fails on its outcome and its GET count, never on a clock. The class timeout only
 * keeps a hang from blocking the build.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallbackTest {
    private static final Duration RUN = Duration.ofMillis(1500);
    private static final PollingPolicy QUICK_FALLBACK =
            new PollingPolicy(Duration.ofMillis(200), 2.0, Duration.ofMillis(800));

    private FakeBlinkServer server;
    private BlinkClient client;
    private final CallbackRegistry registry = new CallbackRegistry();
    private CallbackReceiver receiver;
    private final Fixtures.CapturedLog log = new Fixtures.CapturedLog();
    private final CallbackToken token = CallbackToken.generate();
    private final Wakeup wakeup = new Wakeup();
    private CallbackRegistry.Registration registration;

    @BeforeEach
    void start() {
        server = FakeBlinkServer.start().workspace("ws-1", "Ops");
        server.workflow("ws-1", "wf-1").takes(RUN);
        client = Fixtures.client(server);
        receiver = CallbackReceiver.start(registry, 2);
        // as the plugin does: the wait is registered, by the token's hash, before the run starts
        registration = registry.register(token.hash(), wakeup::ring);
    }

    @AfterEach
    void stop() {
        registration.close();
        assertThat(log.text()).doesNotContain(KEY).doesNotContain(token.value());
        receiver.close();
        server.close();
    }

    private static RunOptions options() {
        return RunOptions.DEFAULT
                .withWaitMode(WaitMode.FOLLOW)
                .withTimeout(Duration.ofSeconds(30))
                .withPrintOutputs(false);
    }

    private ExecutionOutcome run(RunOptions options) throws Exception {
        ExecutionRequest request =
                ExecutionRequest.builder("ws-1", "wf-1").build().withCallback(receiver.baseUrl(), token);
        return new WorkflowRunner(client, options, log.log).run(request, wakeup);
    }

    private int gets() {
        return server.count(Route.GET_EXECUTION);
    }

    private List<Integer> callbackStatuses() {
        return server.callbacks().stream().map(SentCallback::status).toList();
    }

    @Test
    void theCallbackAfterTheEndEndsTheWaitWithOneRead() throws Exception {
        ExecutionOutcome outcome = run(options());

        assertThat(outcome.success()).as(outcome.summary()).isTrue();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(gets()).isEqualTo(1);
        awaitCallbacks(1);
        assertThat(callbackStatuses()).containsExactly(204);
        assertThat(receiver.answered(CallbackRegistry.Knock.WOKE)).isEqualTo(1);
        assertThat(log.text()).contains("Blink will call Jenkins back").contains("Blink called back");
        // the start asked Blink for the callback, to the receiver's URL
        RecordedRequest start = server.requests(Route.EXECUTE).get(0);
        assertThat(start.bodyJson().getAsJsonObject("callback").get("url").getAsString())
                .isEqualTo(receiver.baseUrl() + token.value());
    }

    @Test
    void aCallbackBeforeTheRecordShowsTheEndIsFollowedBySoonPolls() throws Exception {
        server.callbackDelivery(CallbackDelivery.BEFORE_RECORD);

        ExecutionOutcome outcome = run(options());

        assertThat(outcome.success()).as(outcome.summary()).isTrue();
        // the woken read may still see Running; the fast poll a second later sees the end
        assertThat(gets()).isBetween(1, 2);
        awaitCallbacks(1);
        assertThat(callbackStatuses()).containsExactly(204);
    }

    @Test
    void aLateCallbackStillEndsTheWait() throws Exception {
        server.callbackDelivery(CallbackDelivery.LATE);

        ExecutionOutcome outcome = run(options());

        assertThat(outcome.success()).as(outcome.summary()).isTrue();
        assertThat(gets()).isEqualTo(1);
    }

    @Test
    void aDuplicateCallbackIsNoError() throws Exception {
        server.callbackDelivery(CallbackDelivery.TWICE);

        ExecutionOutcome outcome = run(options());
        registration.close();
        awaitCallbacks(2);

        assertThat(outcome.success()).as(outcome.summary()).isTrue();
        assertThat(gets()).isEqualTo(1);
        // the second call finds the wait still registered (204) or already gone (404), never an error
        assertThat(callbackStatuses()).hasSize(2).first().isEqualTo(204);
        assertThat(callbackStatuses().get(1)).isIn(204, 404);
        assertThat(log.text()).doesNotContain("WARNING");
    }

    @Test
    void withoutACallbackTheFallbackPollingStillSeesTheEnd() throws Exception {
        server.callbackDelivery(CallbackDelivery.NEVER);

        ExecutionOutcome outcome = run(options().withCallbackPolling(QUICK_FALLBACK));

        assertThat(outcome.success()).as(outcome.summary()).isTrue();
        assertThat(server.callbacks()).isEmpty();
        assertThat(gets()).isGreaterThanOrEqualTo(2);
        assertThat(log.text()).contains("Jenkins found the end by polling").doesNotContain("Blink called back");
    }

    @Test
    void aCallbackThatCameBeforeTheStartReturnedIsNotLost() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ZERO);
        // Blink starts the run and calls back at once; its answer to the start comes a second later
        server.fault(Route.EXECUTE, Fault.slow(Duration.ofSeconds(1)));
        client = new BlinkClient(
                BlinkTransport.forSettings(Fixtures.settings(server)
                        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30))),
                ApiKey.of(KEY));
        AtomicBoolean rungBeforeTheStartReturned = new AtomicBoolean();
        registration.close();
        registration = registry.register(token.hash(), () -> {
            // the runner logs the execution id as soon as the start returns
            rungBeforeTheStartReturned.set(!log.text().contains("Started execution"));
            wakeup.ring();
        });

        ExecutionOutcome outcome = run(options());

        assertThat(rungBeforeTheStartReturned).isTrue();
        assertThat(outcome.success()).as(outcome.summary()).isTrue();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(gets()).isEqualTo(1);
    }

    @Test
    void cancellingAnArmedWaitCancelsTheRunPromptly() throws Exception {
        server.workflow("ws-1", "wf-1").takes(Duration.ofMinutes(10));
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
                client.cancellation().cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();

        assertThatThrownBy(() -> run(options())).isInstanceOf(InterruptedException.class);

        // cancelled while asleep before its first poll, which is a minute off
        assertThat(gets()).isZero();
        assertThat(server.count(Route.CANCEL)).isEqualTo(1);
        assertThat(server.executions().get(0).cancelled()).isTrue();
        // Blink announces the cancelled end too: to a wait still registered, or already gone
        awaitCallbacks(1);
        assertThat(callbackStatuses()).hasSize(1).allMatch(status -> status == 204 || status == 404);
    }

    /** The fake records a callback once its answer came, which may be after the wait it woke ended. */
    private void awaitCallbacks(int n) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.callbacks().size() < n && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
    }
}
