package io.jenkins.plugins.blinkops.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.core.run.PausedHandling;
import io.jenkins.plugins.blinkops.core.run.TriggerCondition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javaposse.jobdsl.plugin.ExecuteDslScripts;
import org.junit.jupiter.api.Test;

/** Issue 15.6: Job DSL's dynamic DSL adds the build step and the post-build action, as the README writes them. */
class JobDslTest extends ConfiguredBlinkTest {
    /** The README's Job DSL example, as it is written there. */
    static final String SEED = """
            job('contain-host') {
                parameters {
                    stringParam('HOST', 'web-01')
                }
                steps {
                    blinkExecuteBuilder {
                        workflowId('wf-contain-host')
                        inputs {
                            blinkInput {
                                name('host')
                                value('${HOST}')
                            }
                        }
                        onPaused('CONTINUE')
                        timeoutMinutes(20)
                    }
                }
                publishers {
                    blinkPostBuildAction {
                        workflowId('wf-report')
                        condition('FAILURE')
                    }
                }
            }
            """;

    @Test
    void theReadmesSeedMakesAJobThatRunsTheWorkflow() throws Exception {
        assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
                .contains("```groovy\n" + SEED + "```");
        FreeStyleProject seed = j.createFreeStyleProject("seed");
        ExecuteDslScripts dsl = new ExecuteDslScripts();
        dsl.setScriptText(SEED);
        dsl.setUseScriptText(true);
        seed.getBuildersList().add(dsl);

        j.buildAndAssertSuccess(seed);

        FreeStyleProject job = j.jenkins.getItemByFullName("contain-host", FreeStyleProject.class);
        BlinkExecuteBuilder step = job.getBuildersList().get(BlinkExecuteBuilder.class);
        assertThat(step.getWorkflowId()).isEqualTo("wf-contain-host");
        assertThat(step.getOnPaused()).isEqualTo(PausedHandling.CONTINUE);
        assertThat(step.getTimeoutMinutes()).isEqualTo(20);
        assertThat(step.getInputs()).singleElement().satisfies(input -> {
            assertThat(input.getName()).isEqualTo("host");
            assertThat(input.getValue()).isEqualTo("${HOST}");
        });
        BlinkPostBuildAction after = job.getPublishersList().get(BlinkPostBuildAction.class);
        assertThat(after.getWorkflowId()).isEqualTo("wf-report");
        assertThat(after.getCondition()).isEqualTo(TriggerCondition.FAILURE);

        FreeStyleBuild build = j.buildAndAssertSuccess(job);

        assertThat(server.requests(Route.EXECUTE)
                        .get(0)
                        .bodyJson()
                        .getAsJsonObject("input_values")
                        .get("host")
                        .getAsString())
                .isEqualTo("web-01");
        assertThat(server.count(Route.EXECUTE))
                .as("the post-build action's condition was not met")
                .isEqualTo(1);
        j.assertLogContains("wf-contain-host", build);
    }
}
