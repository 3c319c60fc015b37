package io.jenkins.plugins.blinkops.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.ExecutionListing;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.http.RequestBudget;
import io.jenkins.plugins.blinkops.core.model.ExecutionPage;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One listing per cycle serves every wait on a workspace, and wakes only the waits whose run
 * changed; where the fake's listing does not honour what is asked, the waits fall back to one read
 * per run. The fake's clock is simulated, so runs end when a test moves it.
 */
class BatchPollerTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private FakeBlinkServer server;
    private BlinkClient client;
    private BatchPoller poller;
    private final List<String> woken = new ArrayList<>();

    @BeforeEach
    void start() {
        server = Fixtures.serverWithWorkflow("{}").clock(now::get);
        server.workflow("ws-1", "wf-short").takes(Duration.ofSeconds(10));
        server.workflow("ws-1", "wf-long").takes(Duration.ofHours(1));
        client = Fixtures.client(server);
        poller = new BatchPoller(rql -> client.listExecutions("ws-1", rql), new RequestBudget(10));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String run(String workflow) throws Exception {
        return client.startExecution(ExecutionRequest.builder("ws-1", workflow).build());
    }

    /** As a step does after its own poll: registers with what that poll read. */
    private BatchPoller.Registration waitFor(String executionId) throws Exception {
        ExecutionStatus read = client.getExecution("ws-1", executionId, 0);
        return poller.register(executionId, read.state().name(), read.updatedAt(), () -> woken.add(executionId));
    }

    private void later(Duration d) {
        now.addAndGet(d.toMillis());
    }

    @Test
    void oneListingWakesOnlyTheRunThatEnded() throws Exception {
        String shortRun = run("wf-short");
        String longRun = run("wf-long");
        waitFor(shortRun);
        waitFor(longRun);
        later(Duration.ofSeconds(11));
        server.clearRequests();

        BatchPoller.Cycle cycle = poller.cycle();

        assertThat(woken).containsExactly(shortRun);
        assertThat(cycle.requests()).isEqualTo(1);
        assertThat(cycle.fallback()).isEqualTo(BatchPoller.Fallback.NONE);
        assertThat(server.count(Route.LIST_EXECUTIONS)).isEqualTo(1);
        assertThat(server.count(Route.GET_EXECUTION))
                .as("no run read one by one")
                .isZero();
        assertThat(poller.waiting())
                .as("the woken wait registers again after its own poll")
                .isEqualTo(1);
    }

    @Test
    void anUnchangedRunIsNotWokenAgainThoughTheWindowListsItOnce() throws Exception {
        String longRun = run("wf-long");
        String other = run("wf-long");
        waitFor(longRun);
        waitFor(other);

        for (int i = 0; i < 5; i++) {
            later(Duration.ofSeconds(5));
            assertThat(poller.cycle().woken()).as("cycle %d", i).isZero();
        }
        assertThat(woken).isEmpty();
        assertThat(poller.waiting()).isEqualTo(2);
    }

    @Test
    void manyWaitsCostOneRequestPerCycle() throws Exception {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            runs.add(run(i % 2 == 0 ? "wf-short" : "wf-long"));
            waitFor(runs.get(i));
        }
        later(Duration.ofSeconds(11));
        server.clearRequests();

        BatchPoller.Cycle first = poller.cycle();
        BatchPoller.Cycle second = poller.cycle();

        assertThat(first.woken()).isEqualTo(100);
        assertThat(second.woken()).isZero();
        assertThat(server.count(Route.LIST_EXECUTIONS)).isEqualTo(2);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void twoStepsWaitingOnOneRunAreBothWoken() throws Exception {
        String shortRun = run("wf-short");
        waitFor(shortRun);
        waitFor(shortRun);
        later(Duration.ofSeconds(11));

        assertThat(poller.cycle().woken()).isEqualTo(2);
        assertThat(woken).containsExactly(shortRun, shortRun);
    }

    @Test
    void aClosedRegistrationIsNeverWoken() throws Exception {
        String shortRun = run("wf-short");
        waitFor(shortRun).close();
        later(Duration.ofSeconds(11));

        BatchPoller.Cycle cycle = poller.cycle();

        assertThat(woken).isEmpty();
        assertThat(cycle.requests()).as("nobody waits: nothing asked").isZero();
    }

    @Test
    void aListingThatIgnoresTheFilterIsCaughtAndEveryWaitReadsItsOwnRun() throws Exception {
        server.executionListing(ExecutionListing.FILTER_IGNORED);
        // a run that ended long before the waits began: a filter on updated_at would leave it out
        run("wf-short");
        later(Duration.ofMinutes(5));
        String longRun = run("wf-long");
        String other = run("wf-long");
        waitFor(longRun);
        waitFor(other);

        BatchPoller.Cycle cycle = poller.cycle();

        assertThat(cycle.fallback()).isEqualTo(BatchPoller.Fallback.FILTER_IGNORED);
        assertThat(cycle.fellBack()).isEqualTo(2);
        assertThat(woken).containsExactlyInAnyOrder(longRun, other);
    }

    @Test
    void aListingThatMissesRunsIsCaughtAndTheMissingRunsReadTheirOwn() throws Exception {
        server.executionListing(ExecutionListing.UPDATED_AT_MATCHES_NOTHING);
        String longRun = run("wf-long");
        waitFor(longRun);

        BatchPoller.Cycle cycle = poller.cycle();

        assertThat(cycle.fallback()).isEqualTo(BatchPoller.Fallback.MISSING_RUNS);
        assertThat(woken).containsExactly(longRun);
    }

    @Test
    void aListingThatCannotBeReadWakesEveryWaitToReadItsOwn() throws Exception {
        String longRun = run("wf-long");
        waitFor(longRun);
        server.fault(Route.LIST_EXECUTIONS, Fault.status(500), 10);

        BatchPoller.Cycle cycle = poller.cycle();

        assertThat(cycle.fallback()).isEqualTo(BatchPoller.Fallback.LISTING_FAILED);
        assertThat(woken).containsExactly(longRun);
    }

    @Test
    void aWaitThatKnowsNoUpdateTimeReadsItsOwnRunEveryCycle() throws Exception {
        String longRun = run("wf-long");
        poller.register(longRun, "Running", null, () -> woken.add(longRun));
        server.clearRequests();

        BatchPoller.Cycle cycle = poller.cycle();

        assertThat(cycle.fallback()).isEqualTo(BatchPoller.Fallback.UNWATCHABLE);
        assertThat(woken).containsExactly(longRun);
        assertThat(server.count(Route.LIST_EXECUTIONS))
                .as("no listing for no watchable wait")
                .isZero();
    }

    @Test
    void aWindowHoldingMoreRunsThanItsPagesWakesTheWaitsItCouldNotList() throws Exception {
        List<String> asked = new ArrayList<>();
        // a busy workspace: every page full of other runs updated within the window
        BatchPoller busy = new BatchPoller(
                rql -> {
                    asked.add(rql);
                    List<ExecutionPage.Listed> others = new ArrayList<>();
                    for (int i = 0; i < BatchPoller.PAGE_SIZE; i++) {
                        others.add(new ExecutionPage.Listed("other-" + i, "wf-1", 0L, false, null, "Running", 2_000L));
                    }
                    return new ExecutionPage(others, 1_000_000);
                },
                new RequestBudget(10));
        busy.register("mine", "Running", 1_000L, () -> woken.add("mine"));

        BatchPoller.Cycle cycle = busy.cycle();

        assertThat(asked).hasSize(BatchPoller.MAX_PAGES);
        assertThat(cycle.fallback()).isEqualTo(BatchPoller.Fallback.TOO_MANY);
        assertThat(woken).containsExactly("mine");
    }

    @Test
    void theWindowAskedForStartsAtWhatTheWaitsSawOnBlinksClock() throws Exception {
        String longRun = run("wf-long");
        ExecutionStatus read = client.getExecution("ws-1", longRun, 0);
        poller.register(longRun, read.state().name(), read.updatedAt(), () -> woken.add(longRun));
        server.clearRequests();

        poller.cycle();

        String q = server.requests(Route.LIST_EXECUTIONS).get(0).query().get("q");
        assertThat(q)
                .contains("\"updated_at\":{\"$gte\":" + read.updatedAt() + "}")
                .contains("+updated_at");
    }
}
