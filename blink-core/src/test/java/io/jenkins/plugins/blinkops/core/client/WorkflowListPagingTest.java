package io.jenkins.plugins.blinkops.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workflow list pages past Blink's 1,000 a page. */
class WorkflowListPagingTest {

    @Test
    void aWorkspaceWith1005WorkflowsYieldsAll1005() throws Exception {
        try (FakeBlinkServer server = FakeBlinkServer.start().workspace("ws-1", "Ops")) {
            for (int i = 0; i < 1005; i++) {
                server.workflow("ws-1", String.format("wf-%04d", i));
            }
            List<WorkflowSummary> listed = Fixtures.client(server).listWorkflows("ws-1");

            assertThat(listed).hasSize(1005);
            assertThat(listed.stream().map(WorkflowSummary::id).distinct()).hasSize(1005);
            assertThat(server.count(Route.LIST_WORKFLOWS)).isEqualTo(2);
        }
    }
}
