package io.jenkins.plugins.blinkops.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.FakeExecution;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.json.JsonValues;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Randomized end-to-end runs: each try generates a workflow (how it ends, what it outputs, how long
 * it takes), a run (wait mode, inputs) and at most one fault of the fake Blink, runs it through
 * {@link WorkflowRunner} against the fake, and checks the result against a model of what the build
 * should see. jqwik's seed makes every run reproducible; 1,000 tries in every build, more with
 * {@code -Djqwik.tries.default} (docs/RELIABILITY.md).
 */
class EndToEndPropertiesTest {
    private static final PollingPolicy FAST = new PollingPolicy(Duration.ofMillis(1), 2.0, Duration.ofMillis(4));

    private static FakeBlinkServer server;
    private static BlinkClient client;
    private static int workflows;

    @BeforeContainer
    static void start() {
        server = FakeBlinkServer.start().workspace("ws-1", "Ops");
        client = Fixtures.client(server);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    /** What the generated workflow does. */
    record Workflow(String endState, long takesMillis, Map<String, Object> outputs, String error) {}

    /**
     * A fault and the model of what it does to a start: {@code fatal} ends the start with that
     * reason; {@code ambiguous} may end it or be resolved (Blink may have started the run); otherwise
     * it is retried away.
     */
    record Injected(Route route, Fault fault, String name, BlinkApiException.Reason fatal, boolean ambiguous) {}

    record Plan(Workflow workflow, WaitMode mode, Map<String, Object> inputs, Injected fault) {}

    @Property
    void everyRunEndsAsTheModelSays(@ForAll("plans") Plan plan) throws Exception {
        String workflowId = "wf-" + ++workflows;
        Workflow w = plan.workflow();
        var fake = server.workflow("ws-1", workflowId)
                .takes(Duration.ofMillis(w.takesMillis()))
                .endsWith(w.endState())
                .outputs(w.outputs());
        if (w.error() != null) {
            fake.error(w.error(), "E1");
        }
        if (plan.fault() != null) {
            server.fault(plan.fault().route(), plan.fault().fault());
        }
        // what the fake keeps of past tries is not under test: 100,000 of them would only fill the heap
        server.forgetExecutions();
        int executionsBefore = server.executions().size();
        RunOptions options =
                RunOptions.DEFAULT.withWaitMode(plan.mode()).withPolling(FAST).withTimeout(Duration.ofSeconds(20));
        WorkflowRunner runner = new WorkflowRunner(client, options, new Fixtures.CapturedLog().log);
        ExecutionRequest request = ExecutionRequest.builder("ws-1", workflowId)
                .inputs(plan.inputs())
                .build();

        ExecutionOutcome outcome;
        try {
            outcome = run(runner, request, plan.mode());
        } catch (BlinkApiException e) {
            Injected f = plan.fault();
            assertThat(f).as("a failure without a fault: " + e.getMessage()).isNotNull();
            assertThat(f.fatal() != null || f.ambiguous())
                    .as(f.name() + " is retried away")
                    .isTrue();
            if (f.fatal() != null) {
                assertThat(e.reason()).as(e.getMessage()).isEqualTo(f.fatal());
            }
            assertThat(server.executions().size() - executionsBefore)
                    .as("never more than one execution")
                    .isLessThanOrEqualTo(1);
            return;
        }
        assertThat(plan.fault() == null || plan.fault().fatal() == null)
                .as("a start that had to fail succeeded")
                .isTrue();
        assertThat(server.executions().size() - executionsBefore)
                .as("one execution")
                .isEqualTo(1);
        // a synchronous run's answer holds the outputs alone, no execution id
        FakeExecution execution =
                outcome.executionId() == null ? server.executions().get(0) : server.execution(outcome.executionId());
        JsonObject sent = execution.startRequest().bodyJson();
        assertThat(sent.has("input_values") ? sent.get("input_values") : new JsonObject())
                .as("the inputs as generated")
                .isEqualTo(JsonValues.toJson(plan.inputs()));
        if (plan.mode() == WaitMode.NONE) {
            assertThat(outcome.success()).isTrue();
            return;
        }
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.state().name()).isEqualTo(w.endState());
        assertThat(outcome.success()).isEqualTo(w.endState().equals("Completed"));
        if (outcome.success()) {
            assertThat(outcome.outputs().values()).isEqualTo(JsonValues.toJson(w.outputs()));
        }
    }

    private static ExecutionOutcome run(WorkflowRunner runner, ExecutionRequest request, WaitMode mode)
            throws Exception {
        if (mode == WaitMode.SYNC) {
            return runner.runSync(request);
        }
        FollowState follow = runner.start(request);
        if (mode == WaitMode.NONE) {
            return runner.notWaiting(follow);
        }
        return SoakTest.followToTheEnd(runner, follow, client);
    }

    // ---- generators ----

    @Provide
    Arbitrary<Plan> plans() {
        Arbitrary<Workflow> completed = workflows(Arbitraries.just("Completed"));
        Arbitrary<Workflow> any = workflows(Arbitraries.of("Completed", "Failed", "Cancelled", "Timeout"));
        return Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Combinators.combine(any, inputs(), startFaults())
                                .as((w, in, f) -> new Plan(w, WaitMode.NONE, in, f))),
                Tuple.of(
                        5,
                        Combinators.combine(any, inputs(), Arbitraries.oneOf(startFaults(), pollFaults()))
                                .as((w, in, f) -> new Plan(w, WaitMode.FOLLOW, in, f))),
                // a synchronous run's answer for a run that did not complete is not in the reference
                Tuple.of(
                        2,
                        Combinators.combine(completed, inputs()).as((w, in) -> new Plan(w, WaitMode.SYNC, in, null))));
    }

    private static Arbitrary<Workflow> workflows(Arbitrary<String> endStates) {
        return endStates.flatMap(end -> Combinators.combine(
                        Arbitraries.longs().between(0, 3),
                        inputs(),
                        end.equals("Failed")
                                ? Arbitraries.strings()
                                        .ofMinLength(1)
                                        .ofMaxLength(40)
                                        .injectNull(0.3)
                                : Arbitraries.just(null))
                .as((takes, outputs, error) -> new Workflow(end, takes, outputs, error)));
    }

    /** Names and values a Pipeline map holds; also what a workflow outputs. */
    static Arbitrary<Map<String, Object>> inputs() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.longs(),
                Arbitraries.of(true, false),
                Arbitraries.strings().alpha().ofMaxLength(5).list().ofMaxSize(3).map(l -> (Object) l));
        return Arbitraries.maps(
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars('_')
                                .ofMinLength(1)
                                .ofMaxLength(10),
                        value)
                .ofMaxSize(4);
    }

    /** Faults of the start, with what they do to it (FaultMatrixTest's cells for "execute async"). */
    static Arbitrary<Injected> startFaults() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(null)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                new Injected(Route.EXECUTE, Fault.status(503), "503", null, false),
                                new Injected(Route.EXECUTE, Fault.tooManyRequests(0), "429", null, false),
                                new Injected(
                                        Route.EXECUTE,
                                        Fault.status(401),
                                        "401",
                                        BlinkApiException.Reason.HTTP_STATUS,
                                        false),
                                new Injected(
                                        Route.EXECUTE,
                                        Fault.status(403),
                                        "403",
                                        BlinkApiException.Reason.HTTP_STATUS,
                                        false),
                                new Injected(
                                        Route.EXECUTE,
                                        Fault.status(404),
                                        "404",
                                        BlinkApiException.Reason.HTTP_STATUS,
                                        false),
                                // Blink may have started the run: a start may resolve these, never resend blindly
                                new Injected(Route.EXECUTE, Fault.status(500), "500", null, true),
                                new Injected(Route.EXECUTE, Fault.status(502), "502", null, true),
                                new Injected(Route.EXECUTE, Fault.connectionReset(), "reset", null, true),
                                new Injected(Route.EXECUTE, Fault.htmlBody(), "HTML", null, true),
                                new Injected(Route.EXECUTE, Fault.truncatedJson(), "truncated", null, true))));
    }

    /** Faults of a poll that a retry takes away (FaultMatrixTest's "ok after retry" cells for "get execution"). */
    static Arbitrary<Injected> pollFaults() {
        return Arbitraries.of(
                new Injected(Route.GET_EXECUTION, Fault.status(500), "poll 500", null, false),
                new Injected(Route.GET_EXECUTION, Fault.status(503), "poll 503", null, false),
                new Injected(Route.GET_EXECUTION, Fault.status(504), "poll 504", null, false),
                new Injected(Route.GET_EXECUTION, Fault.tooManyRequests(0), "poll 429", null, false),
                new Injected(Route.GET_EXECUTION, Fault.connectionReset(), "poll reset", null, false));
    }
}
