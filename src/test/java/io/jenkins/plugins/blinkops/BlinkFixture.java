package io.jenkins.plugins.blinkops;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.google.gson.JsonObject;
import hudson.model.ItemGroup;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import java.io.IOException;
import java.util.List;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** A fake Blink server and the Jenkins configuration that points at it, as most tests need them. */
public final class BlinkFixture {
    public static final String API_KEY = "blink-api-key-3f9c1e7a52";
    public static final String CREDENTIALS_ID = "blink-key";
    public static final String CONNECTION = "main";
    public static final String WORKSPACE = "ws-security";
    public static final String WORKFLOW = "wf-contain-host";

    private BlinkFixture() {}

    /** A server that knows the key, the workspace and the workflow (which ends Completed at once). */
    public static FakeBlinkServer startServer() {
        FakeBlinkServer server = FakeBlinkServer.start().apiKey(API_KEY).workspace(WORKSPACE, "Security");
        server.workflow(WORKSPACE, WORKFLOW).name("Contain host");
        return server;
    }

    /** Adds the API key as a global Secret text credential and one connection to the server. */
    public static BlinkConnection configure(FakeBlinkServer server) throws IOException {
        addGlobalCredential(CREDENTIALS_ID, API_KEY);
        BlinkConnection connection = connection(CONNECTION, server, CREDENTIALS_ID);
        BlinkGlobalConfiguration.get().setConnections(List.of(connection));
        return connection;
    }

    public static BlinkConnection connection(String name, FakeBlinkServer server, String credentialsId) {
        BlinkConnection connection = new BlinkConnection(name);
        connection.setHostUrl(server.url());
        connection.setCredentialsId(credentialsId);
        connection.setDefaultWorkspaceId(WORKSPACE);
        return connection;
    }

    public static void addGlobalCredential(String id, String secret) throws IOException {
        SystemCredentialsProvider system = SystemCredentialsProvider.getInstance();
        system.getCredentials().add(secretText(id, secret));
        system.save();
    }

    /** Stores the credential in the folder's own store, where only its jobs find it. */
    public static void addFolderCredential(ItemGroup<?> folder, String id, String secret) throws IOException {
        for (CredentialsStore store : CredentialsProvider.lookupStores(folder)) {
            if (store.getContext() == folder) {
                store.addCredentials(Domain.global(), secretText(id, secret));
                return;
            }
        }
        throw new IllegalStateException("no credentials store in " + folder.getFullName());
    }

    /** The Pipeline Syntax page with {@code step} chosen, once the generator has fetched the step's form. */
    public static HtmlPage snippetGeneratorWith(JenkinsRule j, WorkflowJob job, String step) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage page = wc.getPage(job, "pipeline-syntax/");
        HtmlSelect steps = page.getFirstByXPath("//select[option[starts-with(normalize-space(.), '" + step + "')]]");
        if (steps == null) {
            throw new AssertionError(step + " is not among the steps of the snippet generator");
        }
        steps.setSelectedAttribute(
                steps.getOptions().stream()
                        .filter(o -> o.getText().strip().startsWith(step))
                        .findFirst()
                        .orElseThrow(),
                true);
        wc.waitForBackgroundJavaScript(10_000);
        return page;
    }

    /**
     * The body of a start less what the plugin adds to every one, {@code event.jenkins}, once it is
     * checked: the start's nonce, and the job and build that asked (Blink's audit of the run).
     */
    public static JsonObject withoutJenkinsContext(JsonObject body, Run<?, ?> run) {
        JsonObject copy = body.deepCopy();
        JsonObject event = copy.getAsJsonObject("event");
        JsonObject jenkins = event.getAsJsonObject("jenkins");
        org.assertj.core.api.Assertions.assertThat(jenkins.get("nonce").getAsString())
                .matches("[0-9a-f]{32}");
        org.assertj.core.api.Assertions.assertThat(jenkins.get("job").getAsString())
                .isEqualTo(run.getParent().getFullName());
        org.assertj.core.api.Assertions.assertThat(jenkins.get("build").getAsString())
                .isEqualTo(String.valueOf(run.getNumber()));
        org.assertj.core.api.Assertions.assertThat(jenkins.get("url").getAsString())
                .endsWith(run.getUrl());
        event.remove("jenkins");
        if (event.isEmpty()) {
            copy.remove("event");
        }
        return copy;
    }

    private static StringCredentialsImpl secretText(String id, String secret) {
        return new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "Blink API key", Secret.fromString(secret));
    }

    /**
     * Whether the build blocks a restart once its Pipeline thread is idle: saving the program, as a
     * step does when it has an execution id, blocks a restart for a moment, whatever the step.
     */
    public static boolean blocksRestartOnceSettled(WorkflowRun run) throws InterruptedException {
        for (int tries = 0; tries < 100 && run.getExecution().blocksRestart(); tries++) {
            Thread.sleep(100);
        }
        return run.getExecution().blocksRestart();
    }
}
