package io.jenkins.plugins.blinkops;

import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.google.gson.JsonObject;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.PasswordParameterDefinition;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.blinkops.call.BlinkInput;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;

/**
 * No secret of Jenkins reaches Blink by expansion, and no job can read the administrator's key: the
 * two ways a security team would find a plugin like this one handing secrets out.
 */
class SecretsStayInJenkinsTest extends ConfiguredBlinkTest {
    private static final String JOB_SECRET = "job-token-value-81c2";
    private static final String ADMIN_KEY_ID = "blink-admin-key";

    @Test
    void aCredentialsBindingReferencedInAPipelineReachesBlinkAsTheLiteralText() throws Exception {
        BlinkFixture.addGlobalCredential("job-token", JOB_SECRET);

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                withCredentials([string(credentialsId: 'job-token', variable: 'TOKEN')]) {
                    blinkExecute workflowId: '%s', inputs: [token: '${TOKEN}', note: "build ${env.BUILD_NUMBER}"]
                }
                """.formatted(WORKFLOW)));

        JsonObject inputs = server.requests(Route.EXECUTE).get(0).bodyJson().getAsJsonObject("input_values");
        assertThat(inputs.get("token").getAsString()).isEqualTo("${TOKEN}");
        assertThat(inputs.get("note").getAsString()).isEqualTo("build 1");
        assertThat(server.requests().toString()).doesNotContain(JOB_SECRET);
        j.assertLogNotContains(JOB_SECRET, run);
    }

    @Test
    void aFreestylePasswordParameterIsNotExpandedAndAnOrdinaryOneIs() throws Exception {
        FreeStyleProject job = j.createFreeStyleProject();
        job.addProperty(new ParametersDefinitionProperty(
                new PasswordParameterDefinition("SECRET", Secret.fromString(JOB_SECRET), ""),
                new StringParameterDefinition("HOST", "web-1")));
        BlinkExecuteBuilder builder = new BlinkExecuteBuilder(WORKFLOW);
        builder.setInputs(List.of(new BlinkInput("secret", "${SECRET}"), new BlinkInput("host", "${HOST}")));
        builder.setPassBuildParameters(true);
        job.getBuildersList().add(builder);

        FreeStyleBuild build = j.buildAndAssertSuccess(job);

        JsonObject inputs = server.requests(Route.EXECUTE).get(0).bodyJson().getAsJsonObject("input_values");
        assertThat(inputs.get("secret").getAsString()).isEqualTo("${SECRET}");
        assertThat(inputs.get("host").getAsString()).isEqualTo("web-1");
        assertThat(inputs.has("SECRET")).as("passed as a build parameter").isFalse();
        assertThat(inputs.get("HOST").getAsString()).isEqualTo("web-1");
        assertThat(server.requests().toString()).doesNotContain(JOB_SECRET);
        j.assertLogContains("${SECRET} is sent as written, not expanded: it is a sensitive variable", build);
    }

    @Test
    void aSystemScopedConnectionKeyServesBuildsButNoJobCanBindIt() throws Exception {
        useAdminKeyWithScope(CredentialsScope.SYSTEM);

        WorkflowRun bind = j.buildAndAssertStatus(Result.FAILURE, pipeline("""
                withCredentials([string(credentialsId: '%s', variable: 'K')]) {
                    echo "key=${K}"
                }
                """.formatted(ADMIN_KEY_ID)));
        j.assertLogContains(ADMIN_KEY_ID, bind);
        j.assertLogNotContains("key=", bind);
        j.assertLogNotContains(BlinkFixture.API_KEY, bind);

        WorkflowRun run = j.buildAndAssertSuccess(pipeline("""
                def r = blinkExecute workflowId: '%s'
                echo "state=${r.state}"
                """.formatted(WORKFLOW)));
        j.assertLogContains("state=Completed", run);
        assertThat(server.requests(Route.EXECUTE).get(0).header("BLINK-API-KEY"))
                .isEqualTo(BlinkFixture.API_KEY);
    }

    @Test
    void theConnectionFormOffersASystemKeyAndWarnsOfAGlobalOne() throws Exception {
        useAdminKeyWithScope(CredentialsScope.SYSTEM);
        BlinkConnection.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(BlinkConnection.DescriptorImpl.class);

        assertThat(descriptor.doFillCredentialsIdItems(server.url(), ""))
                .extracting(option -> option.value)
                .contains(ADMIN_KEY_ID, BlinkFixture.CREDENTIALS_ID);
        assertThat(descriptor.doCheckCredentialsId(ADMIN_KEY_ID, server.url()).kind)
                .isEqualTo(FormValidation.Kind.OK);

        FormValidation global = descriptor.doCheckCredentialsId(BlinkFixture.CREDENTIALS_ID, server.url());
        assertThat(global.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(global.getMessage()).contains("Global scope").contains("withCredentials");
        assertThat(descriptor.doCheckCredentialsId("no-such-key", server.url()).kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }

    private void useAdminKeyWithScope(CredentialsScope scope) throws Exception {
        SystemCredentialsProvider system = SystemCredentialsProvider.getInstance();
        system.getCredentials()
                .add(new StringCredentialsImpl(
                        scope,
                        ADMIN_KEY_ID,
                        "Blink key of the administrator",
                        Secret.fromString(BlinkFixture.API_KEY)));
        system.save();
        BlinkGlobalConfiguration.get()
                .setConnections(List.of(BlinkFixture.connection(BlinkFixture.CONNECTION, server, ADMIN_KEY_ID)));
    }
}
