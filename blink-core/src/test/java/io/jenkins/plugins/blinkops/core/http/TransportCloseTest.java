package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Closing a transport releases its HTTP clients and their threads (idle-connection evictors, I/O reactors). */
class TransportCloseTest {

    @Test
    void twentyOpenCloseCyclesLeaveNoThreadBehind() throws Exception {
        try (FakeBlinkServer server = Fixtures.serverWithWorkflow("{\"ok\":true}")) {
            Map<String, Long> before = Map.of();
            // one cycle first, for the threads all transports share (the call-deadline timer)
            for (int i = 0; i <= 20; i++) {
                if (i == 1) {
                    before = threadsByName();
                }
                try (BlinkTransport transport = BlinkTransport.open(Fixtures.settings(server))) {
                    BlinkClient client = new BlinkClient(transport, ApiKey.of(Fixtures.KEY));
                    client.checkConnection(null);
                    // the asynchronous client too (a synchronous run)
                    client.executeSync(ExecutionRequest.builder("ws-1", "wf-1").build(), Duration.ofSeconds(5), 1000);
                }
            }
            // threads end shortly after their client closed: a bounded wait for that, no timing asserted
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Map<String, Long> grown = grownSince(before);
            while (!grown.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
                grown = grownSince(before);
            }
            assertThat(grown).as("threads more than before the cycles, by name").isEmpty();
        }
    }

    /** Live threads, counted by name with digits dropped (pools number them), the fake's own left out. */
    private static Map<String, Long> threadsByName() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(t -> t.getName().replaceAll("\\d+", "#"))
                .filter(n -> !n.startsWith("fake-blink") && !n.startsWith("HTTP-Dispatcher"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, Long> grownSince(Map<String, Long> before) {
        return threadsByName().entrySet().stream()
                .filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
