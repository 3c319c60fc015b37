package io.jenkins.plugins.blinkops.steps;

import static io.jenkins.plugins.blinkops.BlinkFixture.API_KEY;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.call.BlinkExecutionAction;
import io.jenkins.plugins.blinkops.core.fake.FakeExecution;
import io.jenkins.plugins.blinkops.core.fake.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jvnet.hudson.test.JenkinsRule;

/** {@code blinkWait} and {@code blinkCancel}: executions started earlier, picked up again by their id. */
class BlinkWaitStepTest extends ConfiguredBlinkTest {
    /** The README's "Start now, wait later" example, as it is written there. */
    static final String FAN_OUT = """
            def hosts = ['web-01', 'web-02', 'db-01']
            def ids = [:]
            for (h in hosts) {
                ids[h] = blinkExecute(workflowId: 'wf-contain-host', waitMode: 'NONE', inputs: [host: h]).executionId
            }

            echo 'running the tests while Blink contains the hosts'

            def results = [:]
            def waits = [:]
            for (h in hosts) {
                def host = h
                waits[host] = { results[host] = blinkWait executionId: ids[host] }
            }
            parallel waits

            for (h in hosts) {
                echo "${h}: ${results[h].state}, verdict ${results[h].outputs.verdict}"
            }
            """;

    @BeforeEach
    void theWorkflowHasOutputs() {
        server.workflow(WORKSPACE, WORKFLOW).outputs("{\"verdict\": \"contained\", \"hosts\": 2}");
    }

    @Test
    void fanOutStartsEveryRunThenCollectsEveryResult() throws Exception {
        assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
                .as("the README shows the example as this test runs it")
                .contains("```groovy\n" + FAN_OUT + "```");
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofSeconds(3));

        WorkflowRun run = j.buildAndAssertSuccess(pipeline(FAN_OUT));

        assertThat(server.executions()).hasSize(3);
        for (String host : List.of("web-01", "web-02", "db-01")) {
            j.assertLogContains(host + ": Completed, verdict contained", run);
        }
        // each run was started once, before any wait; each wait followed its own execution
        assertThat(server.count(Route.EXECUTE)).isEqualTo(3);
        assertThat(server.executions().stream()
                        .map(e -> e.startRequest()
                                .bodyJson()
                                .getAsJsonObject("input_values")
                                .get("host")
                                .getAsString()))
                .containsExactlyInAnyOrder("web-01", "web-02", "db-01");
        for (FakeExecution e : server.executions()) {
            j.assertLogContains("Following execution " + e.id(), run);
        }
        assertThat(run.getAction(BlinkExecutionAction.class).getExecutions())
                .filteredOn(e -> e.getState() != null)
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.getWorkflowId()).isEqualTo(WORKFLOW));
    }

    /**
     * Polled on its own, a 40 s wait reads its run at 0, 1, 2, 4, 8, 16, 31 and 46 s; served by the
     * batched poll once its own polls would come 5 s apart or more (after 8 s), it reads its run
     * again only when the listing shows a change: its end.
     */
    @Test
    void aLongWaitIsServedByTheBatchedPollInsteadOfPollingItsRunEachInterval() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofSeconds(40));

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def id = blinkExecute(workflowId: '%s', waitMode: 'NONE').executionId
                def r = blinkWait executionId: id
                echo "state=${r.state}"
                """.formatted(WORKFLOW)));

        j.assertLogContains("state=Completed", run);
        assertThat(server.count(Route.LIST_EXECUTIONS))
                .as("the workspace's listing, once per interval")
                .isGreaterThanOrEqualTo(3);
        assertThat(server.count(Route.GET_EXECUTION))
                .as("its own first reads at 0, 1, 2, 4 and 8 s, and one for the end the listing showed")
                .isLessThanOrEqualTo(6);
    }

    @Test
    void returnsTheOutputsAndLaterStagesSeeTheState() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofSeconds(1));

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                stage('start') {
                  env.STARTED = blinkExecute(workflowId: '%s', waitMode: 'NONE').executionId
                }
                stage('wait') {
                  def r = blinkWait executionId: env.STARTED, workspaceId: '%s', timeoutMinutes: 5
                  echo "id=${r.executionId} state=${r.state} success=${r.success} verdict=${r.outputs.verdict} hosts=${r.outputs.hosts}"
                  echo "url=${r.url} workflowUrl=${r.workflowUrl}"
                }
                stage('later') {
                  echo "env id=${env.BLINK_EXECUTION_ID} state=${env.BLINK_EXECUTION_STATE} url=${env.BLINK_EXECUTION_URL}"
                }
                """.formatted(WORKFLOW, WORKSPACE)));

        String id = server.executions().get(0).id();
        j.assertLogContains("id=" + id + " state=Completed success=true verdict=contained hosts=2", run);
        String runLink = server.url() + "/workspace/" + WORKSPACE + "/executions/" + id;
        j.assertLogContains(
                "url=" + runLink + " workflowUrl=" + server.url() + "/workspace/" + WORKSPACE + "/workflow/" + WORKFLOW
                        + "/edit",
                run);
        j.assertLogContains("env id=" + id + " state=Completed url=" + runLink, run);
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void aFailedExecutionFailsTheWaitUnlessToldOtherwise() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).endsWith("Failed").error("no such host", "E1");
        String start = "def id = blinkExecute(workflowId: '%s', waitMode: 'NONE').executionId\n".formatted(WORKFLOW);

        WorkflowRun failed = j.buildAndAssertStatus(
                Result.FAILURE, pipeline(start + "blinkWait executionId: id\necho 'not reached'"));
        j.assertLogContains("ended Failed", failed);
        j.assertLogContains("no such host", failed);
        j.assertLogNotContains("not reached", failed);

        WorkflowRun unstable = j.buildAndAssertStatus(Result.UNSTABLE, pipeline(start + """
                def r = blinkWait executionId: id, onFailure: 'UNSTABLE'
                echo "success=${r.success} state=${r.state}"
                """));
        j.assertLogContains("success=false state=Failed", unstable);
    }

    @Test
    void anUnknownExecutionFailsClearly() throws Exception {
        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, pipeline("blinkWait executionId: 'no-such-run'"));

        j.assertLogContains("Blink found no execution 'no-such-run'", run);
        assertThat(server.count(Route.GET_EXECUTION)).isEqualTo(1);
    }

    @Test
    void aMissingExecutionIdIsRefusedBeforeAnythingIsSent() throws Exception {
        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, pipeline("blinkWait executionId: ''"));

        j.assertLogContains("nothing was sent to Blink: executionId: is empty", run);
        assertThat(server.requests()).isEmpty();
    }

    /** blinkWait did not start the execution: an abort cancels it only when the step says so. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''                       | false | goes on in Blink (cancel on abort is off)",
                "', cancelOnAbort: true'  | true  | Build aborted; asked Blink to cancel execution"
            })
    void anAbortCancelsTheExecutionOnlyWhenAsked(String options, boolean cancels, String logged) throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));
        WorkflowRun run = waitingBuild(options);

        run.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        assertThat(server.executions().get(0).cancelled()).isEqualTo(cancels);
        assertThat(server.count(Route.CANCEL)).isEqualTo(cancels ? 1 : 0);
        j.assertLogContains(logged, run);
    }

    @Test
    void cancellingARunningExecutionReturnsTrue() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def id = blinkExecute(workflowId: '%s', waitMode: 'NONE').executionId
                def cancelled = blinkCancel executionId: id, credentialsId: '%s'
                echo "cancelled=${cancelled}"
                """.formatted(WORKFLOW, BlinkFixture.CREDENTIALS_ID)));

        j.assertLogContains("cancelled=true", run);
        FakeExecution execution = server.executions().get(0);
        assertThat(execution.cancelled()).isTrue();
        assertThat(server.requests(Route.CANCEL))
                .singleElement()
                .satisfies(r -> assertThat(r.header("BLINK-API-KEY")).isEqualTo(API_KEY));
        j.assertLogContains("Asked Blink to cancel execution " + execution.id() + ".", run);
        assertThat(JenkinsRule.getLog(run)).doesNotContain(API_KEY);
    }

    @Test
    void cancellingAnEndedExecutionReturnsFalseWithoutError() throws Exception {
        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def r = blinkExecute workflowId: '%s'
                echo "cancelled=${blinkCancel(executionId: r.executionId)}"
                """.formatted(WORKFLOW)));

        j.assertLogContains("cancelled=false", run);
        j.assertLogContains("is no longer running in Blink; there was nothing to cancel.", run);
        assertThat(server.count(Route.CANCEL)).isEqualTo(1);
        assertThat(server.executions().get(0).cancelled()).isFalse();
    }

    @Test
    void cancellingAnUnknownExecutionFailsClearly() throws Exception {
        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, pipeline("blinkCancel executionId: 'no-such-run'"));

        j.assertLogContains("Blink found no execution 'no-such-run'", run);
    }

    @Test
    void theSnippetGeneratorOffersBlinkWaitWithoutAWorkflowId() throws Exception {
        BlinkWaitStep wait = new BlinkWaitStep("run-42");
        wait.setCancelOnAbort(true);
        assertThat(Snippetizer.object2Groovy(wait))
                .startsWith("blinkWait ")
                .contains("executionId: 'run-42'", "cancelOnAbort: true")
                .doesNotContain("timeoutMinutes", "printOutputs"); // defaults are left out
        assertThat(Snippetizer.object2Groovy(new BlinkCancelStep("run-42"))).isEqualTo("blinkCancel 'run-42'");

        WorkflowJob job = j.createProject(WorkflowJob.class, "syntax");
        assertThat(BlinkFixture.snippetGeneratorWith(j, job, "blinkWait").asNormalizedText())
                .contains("Execution id", "Blink connection", "Timeout (minutes)")
                .doesNotContain("Workflow id");
    }

    /** A build that started an execution elsewhere in its script and now waits for it in blinkWait. */
    private WorkflowRun waitingBuild(String options) throws Exception {
        WorkflowRun run =
                pipeline("""
                        def id = blinkExecute(workflowId: '%s', waitMode: 'NONE').executionId
                        blinkWait executionId: id%s
                        """.formatted(WORKFLOW, options)).scheduleBuild2(0).waitForStart();
        j.waitForMessage("State: Running", run);
        return run;
    }
}
