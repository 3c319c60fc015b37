package io.jenkins.plugins.blinkops.steps;

import static io.jenkins.plugins.blinkops.BlinkFixture.API_KEY;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.blinkops.BlinkFixture;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.config.BackgroundCalls;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.config.BlinkLifecycle;
import io.jenkins.plugins.blinkops.core.fake.Fault;
import io.jenkins.plugins.blinkops.core.fake.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;

class BlinkExecuteStepTest extends ConfiguredBlinkTest {
    @BeforeEach
    void theWorkflowHasOutputs() {
        server.workflow(WORKSPACE, WORKFLOW).outputs("{\"verdict\": \"contained\", \"hosts\": 2}");
    }

    @Test
    void returnsTheOutcomeAndLaterStagesSeeTheExecutionId() throws Exception {
        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                stage('run') {
                  def result = blinkExecute workflowId: '%s', inputs: [host: 'db1', retries: 3, dryRun: false, tags: ['a', 'b']]
                  echo "state=${result.state} success=${result.success} verdict=${result.outputs.verdict} hosts=${result.outputs.hosts}"
                }
                stage('later') {
                  echo "id=${env.BLINK_EXECUTION_ID} state=${env.BLINK_EXECUTION_STATE}"
                }
                """.formatted(WORKFLOW)));

        String id = server.executions().get(0).id();
        j.assertLogContains("state=Completed success=true verdict=contained hosts=2", run);
        j.assertLogContains("id=" + id + " state=Completed", run);
        JsonObject expected = JsonParser.parseString(
                        "{\"input_values\": {\"host\": \"db1\", \"retries\": 3, \"dryRun\": false, \"tags\": [\"a\", \"b\"]}}")
                .getAsJsonObject();
        assertThat(BlinkFixture.withoutJenkinsContext(
                        server.requests(Route.EXECUTE).get(0).bodyJson(), run))
                .isEqualTo(expected);
    }

    @Test
    void worksInDeclarativePipelineWithoutANode() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "declarative");
        job.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("HOST", "db7")));
        job.setDefinition(new CpsFlowDefinition("""
                pipeline {
                  agent none
                  stages {
                    stage('contain') {
                      steps {
                        blinkExecute workflowId: '%s', inputs: [host: params.HOST], event: '{"source": "jenkins"}'
                      }
                    }
                    stage('report') {
                      steps {
                        echo "id=${env.BLINK_EXECUTION_ID}"
                      }
                    }
                  }
                }
                """.formatted(WORKFLOW), true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("id=" + server.executions().get(0).id(), run);
        JsonObject body = server.requests(Route.EXECUTE).get(0).bodyJson();
        assertThat(body.getAsJsonObject("input_values").get("host").getAsString())
                .isEqualTo("db7");
        assertThat(body.getAsJsonObject("event").get("source").getAsString()).isEqualTo("jenkins");
    }

    @Test
    void notWaitingReturnsTheExecutionIdAtOnce() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(10));

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def result = blinkExecute workflowId: '%s', waitMode: 'NONE'
                echo "id=${result.executionId} state=${result.state} success=${result.success}"
                """.formatted(WORKFLOW)));

        j.assertLogContains("id=" + server.executions().get(0).id() + " state=null success=true", run);
        assertThat(server.count(Route.GET_EXECUTION)).isZero();
    }

    @Test
    void aSynchronousRunReturnsTheOutputs() throws Exception {
        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def result = blinkExecute workflowId: '%s', waitMode: 'SYNC'
                echo "id=${result.executionId} state=${result.state} verdict=${result.outputs.verdict}"
                """.formatted(WORKFLOW)));

        j.assertLogContains("id=null state=Completed verdict=contained", run);
        assertThat(server.requests(Route.EXECUTE).get(0).query()).containsEntry("run_sync", "true");
    }

    @Test
    void followingPollsUntilTheWorkflowEnds() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).pendingFor(Duration.ofMillis(500)).takes(Duration.ofSeconds(3));

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def result = blinkExecute workflowId: '%s', waitMode: 'FOLLOW'
                echo "state=${result.state}"
                """.formatted(WORKFLOW)));

        j.assertLogContains("State: Running", run);
        j.assertLogContains("state=Completed", run);
        assertThat(server.count(Route.GET_EXECUTION)).isGreaterThan(1);
    }

    @Test
    void aFailedWorkflowFailsTheStep() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).endsWith("Failed").error("no such host", "E1");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, pipeline("""
                blinkExecute workflowId: '%s'
                echo 'not reached'
                """.formatted(WORKFLOW)));

        j.assertLogContains("ended Failed", run);
        j.assertLogContains("no such host", run);
        j.assertLogNotContains("not reached", run);
    }

    @Test
    void aFailedWorkflowCanMarkTheBuildUnstableAndGoOn() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).endsWith("Failed");

        WorkflowRun run = j.buildAndAssertStatus(Result.UNSTABLE, pipeline("""
                def result = blinkExecute workflowId: '%s', onFailure: 'UNSTABLE'
                echo "success=${result.success} state=${result.state}"
                """.formatted(WORKFLOW)));

        j.assertLogContains("success=false state=Failed", run);
    }

    @Test
    void aTimeoutCanBeIgnored() throws Exception {
        server.fault(Route.EXECUTE, Fault.status(408));

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def result = blinkExecute workflowId: '%s', waitMode: 'SYNC', onFailure: 'IGNORE'
                echo "timedOut=${result.timedOut} success=${result.success}"
                """.formatted(WORKFLOW)));

        j.assertLogContains("timedOut=true success=false", run);
    }

    @Test
    void abortingTheBuildCancelsTheExecution() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));
        WorkflowJob job = pipeline("blinkExecute workflowId: '%s'".formatted(WORKFLOW));

        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        j.waitForMessage("State: Running", run);
        run.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        assertThat(server.executions().get(0).cancelled()).isTrue();
        j.assertLogContains(
                "asked Blink to cancel execution " + server.executions().get(0).id(), run);
    }

    @Test
    void cancelOnAbortCanBeTurnedOff() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));
        WorkflowJob job = pipeline("blinkExecute workflowId: '%s', cancelOnAbort: false".formatted(WORKFLOW));

        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        j.waitForMessage("State: Running", run);
        run.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        assertThat(server.executions().get(0).cancelled()).isFalse();
        assertThat(server.count(Route.CANCEL)).isZero();
    }

    @Test
    void folderCredentialsServeTheJobsOfTheFolderAsTheStepsOwnKey() throws Exception {
        Folder folder = j.jenkins.createProject(Folder.class, "security-team");
        BlinkFixture.addFolderCredential(folder, "team-key", API_KEY);
        // the connection's own key is one Blink rejects: a success can only come from the folder's
        BlinkFixture.addGlobalCredential("wrong-key", "not-the-key");
        BlinkGlobalConfiguration.get()
                .setConnections(List.of(BlinkFixture.connection(BlinkFixture.CONNECTION, server, "wrong-key")));
        String script = """
                def result = blinkExecute workflowId: '%s', credentialsId: 'team-key'
                echo "state=${result.state}"
                """.formatted(WORKFLOW);

        WorkflowJob inside = folder.createProject(WorkflowJob.class, "inside");
        inside.setDefinition(new CpsFlowDefinition(script, true));
        j.assertLogContains("state=Completed", j.buildAndAssertSuccess(inside));

        WorkflowRun outside = j.buildAndAssertStatus(Result.FAILURE, pipeline(script));
        j.assertLogContains("No Secret text credential with id \u201cteam-key\u201d", outside);
        assertThat(server.count(Route.EXECUTE)).isEqualTo(1);
    }

    @Test
    void theStepsOwnCredentialWinsOverTheConnections() throws Exception {
        BlinkFixture.addGlobalCredential("other-key", "not-the-key");
        BlinkGlobalConfiguration.get().setConnections(List.of(BlinkFixture.connection("main", server, "other-key")));

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def result = blinkExecute workflowId: '%s', credentialsId: '%s'
                echo "state=${result.state}"
                """.formatted(WORKFLOW, BlinkFixture.CREDENTIALS_ID)));

        j.assertLogContains("state=Completed", run);
        assertThat(server.requests(Route.EXECUTE).get(0).header("BLINK-API-KEY"))
                .isEqualTo(API_KEY);
        assertThat(JenkinsRule.getLog(run)).doesNotContain(API_KEY);
    }

    @Test
    void inputsAndEventMayBeJsonTextAsTheSnippetGeneratorWritesThem() throws Exception {
        BlinkExecuteStep step = new BlinkExecuteStep(WORKFLOW);
        step.setInputs("{\"host\": \"db1\", \"retries\": 3}");
        step.setEvent("{\"source\": \"jenkins\"}");
        String snippet = Snippetizer.object2Groovy(step);
        assertThat(snippet).startsWith("blinkExecute ").contains("inputs: '{\"host\": \"db1\", \"retries\": 3}'");

        WorkflowRun run = j.buildAndAssertSuccess(pipeline(snippet));

        JsonObject expected = JsonParser.parseString(
                        "{\"input_values\": {\"host\": \"db1\", \"retries\": 3}, \"event\": {\"source\": \"jenkins\"}}")
                .getAsJsonObject();
        assertThat(BlinkFixture.withoutJenkinsContext(
                        server.requests(Route.EXECUTE).get(0).bodyJson(), run))
                .isEqualTo(expected);
    }

    @Test
    void inputsThatAreNoJsonObjectAreRefusedBeforeAnythingIsSent() throws Exception {
        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, pipeline("""
                blinkExecute workflowId: '%s', inputs: '["db1", "db2"]'
                """.formatted(WORKFLOW)));

        j.assertLogContains("inputs", run);
        j.assertLogContains("not a list", run);
        assertThat(server.requests()).isEmpty();
    }

    /** A Pipeline has no result until it ends: it says when to run a workflow with post conditions. */
    @Test
    void inAPipelineAPostConditionRunsTheWorkflowAndThePostBuildActionIsNotOffered() throws Exception {
        String declarative = """
                pipeline {
                  agent none
                  stages {
                    stage('build') { steps { %s } }
                  }
                  post {
                    failure { blinkExecute workflowId: '%s', inputs: [reason: 'build failed'] }
                  }
                }
                """;
        j.buildAndAssertSuccess(pipeline(declarative.formatted("echo 'fine'", WORKFLOW)));
        assertThat(server.requests(Route.EXECUTE)).isEmpty();

        j.buildAndAssertStatus(Result.FAILURE, pipeline(declarative.formatted("error 'broken'", WORKFLOW)));
        assertThat(server.requests(Route.EXECUTE))
                .singleElement()
                .satisfies(r -> assertThat(r.bodyJson().toString()).contains("build failed"));

        WorkflowRun postBuild =
                j.buildAndAssertStatus(Result.FAILURE, pipeline("blinkPostBuild workflowId: '%s'".formatted(WORKFLOW)));
        j.assertLogContains("No such DSL method 'blinkPostBuild'", postBuild);
    }

    /** Blink never answers the cancel: the step ends all the same, without waiting for it. */
    @Test
    void anAbortIsNotHeldUpByABlinkThatDoesNotAnswer() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));
        server.fault(Route.CANCEL, Fault.slow(Duration.ofMinutes(10)));
        WorkflowJob job = pipeline("blinkExecute workflowId: '%s'".formatted(WORKFLOW));

        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        j.waitForMessage("State: Running", run);
        run.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        assertThat(server.count(Route.CANCEL)).isEqualTo(1);
        assertThat(server.inFlight())
                .as("the cancel Blink has not answered yet")
                .isEqualTo(1);
    }

    /**
     * Twenty builds wait while Blink holds their synchronous runs: none of them keeps a thread of the
     * plugin busy, and another build's abort takes effect as if they were not there.
     */
    @Test
    void synchronousWaitsHoldNoThreadAndDoNotDelayAnAbort() throws Exception {
        // a synchronous run holds one of the connection's requests for its whole wait: room for all
        BlinkConnection roomy = BlinkFixture.connection(BlinkFixture.CONNECTION, server, BlinkFixture.CREDENTIALS_ID);
        roomy.setMaxConcurrentRequests(25);
        BlinkGlobalConfiguration.get().setConnections(List.of(roomy));
        server.workflow(WORKSPACE, "wf-long").takes(Duration.ofMinutes(10));
        List<WorkflowRun> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(pipeline("blinkExecute workflowId: 'wf-long', waitMode: 'SYNC'")
                    .scheduleBuild2(0)
                    .waitForStart());
        }
        while (server.inFlight() < 20) {
            Thread.sleep(100); // until Blink holds all twenty; the test's own timeout bounds this
        }
        assertThat(BackgroundCalls.busyThreads()).isZero();

        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(5));
        WorkflowRun followed = pipeline("blinkExecute workflowId: '%s'".formatted(WORKFLOW))
                .scheduleBuild2(0)
                .waitForStart();
        j.waitForMessage("State: Running", followed);
        followed.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(followed));
        j.assertLogContains("asked Blink to cancel execution", followed);

        for (WorkflowRun run : waiting) {
            run.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        }
        assertThat(server.executions().stream().filter(e -> e.workflowId().equals("wf-long")))
                .hasSize(20);
    }

    /** A poll that fires while Jenkins shuts down finds no pool, and makes none that nobody would close. */
    @Test
    void theCallPoolStaysDownOnceJenkinsHasShutItDown() {
        assertThat(BackgroundCalls.submit(BlinkFixture.CONNECTION, () -> {})).isTrue();

        BlinkLifecycle.stop();

        assertThat(BackgroundCalls.submit(BlinkFixture.CONNECTION, () -> {})).isFalse();
        assertThat(BackgroundCalls.submit(BlinkFixture.CONNECTION, () -> {})).isFalse();
    }

    @Test
    void anAbortWhileTheStartIsInFlightCancelsTheRunAsSoonAsBlinkNamesIt() throws Exception {
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofMinutes(10));
        server.fault(Route.EXECUTE, Fault.slow(Duration.ofSeconds(3)));
        WorkflowRun run = pipeline("blinkExecute workflowId: '%s'".formatted(WORKFLOW))
                .scheduleBuild2(0)
                .waitForStart();
        while (server.executions().isEmpty()) {
            Thread.sleep(50); // Blink has made the run and not yet answered; the test's timeout bounds this
        }

        run.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        j.assertLogContains("Aborted while Blink is starting the workflow", run);
        String executionId = server.executions().get(0).id();
        while (server.requests(Route.CANCEL).isEmpty()) {
            Thread.sleep(50); // until Blink's answer names the run
        }
        assertThat(server.requests(Route.CANCEL).get(0).path()).contains(executionId);
        assertThat(server.requests(Route.EXECUTE)).hasSize(1);
    }

    @Test
    void anUnexpectedErrorReachesTheBuildLogAsASentenceNotAStackTrace() {
        Throwable shown = FollowingStepExecution.forUser(new IllegalStateException("Connection pool shut down"));

        assertThat(shown).isInstanceOf(hudson.AbortException.class);
        assertThat(shown.getMessage())
                .contains("unexpected error (IllegalStateException)")
                .contains("Jenkins log");
    }
}
