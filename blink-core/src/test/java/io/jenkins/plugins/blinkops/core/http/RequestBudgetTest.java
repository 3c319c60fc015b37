package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The connection's ceiling of requests per second, on a simulated clock. */
class RequestBudgetTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RequestBudget budget = new RequestBudget(10, nanos::get);

    @Test
    void aSecondsWorthGoesAtOnceAndTheRestIsSpacedOut() {
        for (int i = 0; i < 10; i++) {
            assertThat(budget.reserve()).as("request %d", i).isZero();
        }
        assertThat(budget.reserve()).isEqualTo(Duration.ofMillis(100));
        assertThat(budget.reserve()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aQuietSpellGivesTheBurstBackButNoMore() {
        for (int i = 0; i < 15; i++) {
            budget.reserve();
        }
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());

        int atOnce = 0;
        while (budget.reserve().isZero()) {
            atOnce++;
        }
        assertThat(atOnce).isEqualTo(10);
    }

    @Test
    void aRetryAfterClosesTheWholeConnectionThenRequestsGoOneByOne() {
        budget.slowDown(Duration.ofSeconds(30));

        assertThat(budget.reserve()).isEqualTo(Duration.ofSeconds(30));
        assertThat(budget.reserve()).isEqualTo(Duration.ofSeconds(30).plusMillis(100));
    }

    @Test
    void aServerAskingForHoursClosesItForFiveMinutesAtMost() {
        budget.slowDown(Duration.ofHours(3));

        assertThat(budget.reserve()).isEqualTo(RequestBudget.MAX_PAUSE);
    }

    @Test
    void aLowerCeilingSpacesWider() {
        budget.setPerSecond(2);
        budget.reserve();
        budget.reserve();

        assertThat(budget.reserve()).isEqualTo(Duration.ofMillis(500));
        assertThat(budget.perSecond()).isEqualTo(2);
    }

    @Test
    void aCeilingOutsideItsRangeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new RequestBudget(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestsPerSecond");
        assertThatThrownBy(() -> budget.setPerSecond(RequestBudget.MAX_PER_SECOND + 1))
                .hasMessageContaining("requestsPerSecond");
    }

    @Test
    void a429WithRetryAfterSlowsEveryClientOfTheConnection() throws Exception {
        try (FakeBlinkServer server = Fixtures.serverWithWorkflow("{}")) {
            // 60 s is past the quick policy's longest honoured Retry-After: the call fails at once
            server.fault(Route.GET_EXECUTION, Fault.tooManyRequests(60));
            BlinkClient one = Fixtures.client(server);
            BlinkClient other = Fixtures.client(server);

            assertThatThrownBy(() -> one.getExecution("ws-1", "some-run", 1000)).isInstanceOf(BlinkApiException.class);

            assertThat(other.budget()).isSameAs(one.budget());
            assertThat(other.budget().reserve()).isGreaterThan(Duration.ofSeconds(50));
        }
    }
}
