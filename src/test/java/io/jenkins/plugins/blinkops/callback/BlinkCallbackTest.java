package io.jenkins.plugins.blinkops.callback;

import static io.jenkins.plugins.blinkops.BlinkFixture.CONNECTION;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKFLOW;
import static io.jenkins.plugins.blinkops.BlinkFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.blinkops.ConfiguredBlinkTest;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.core.callback.CallbackToken;
import io.jenkins.plugins.blinkops.core.fake.CallbackDelivery;
import io.jenkins.plugins.blinkops.core.fake.Route;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.kohsuke.stapler.Dispatcher;

/**
 * The callback endpoint, {@code <Jenkins URL>/blink-callback/<token>}, on a real Jenkins: what
 * Blink's callback does to a waiting build, and what anyone else's request can and cannot do. The
 * fake Blink calls back as the reference lets it; where a test knocks itself, the fake does not, so
 * that every request the endpoint gets is the test's own.
 */
class BlinkCallbackTest extends ConfiguredBlinkTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Moves the fake Blink's clock: a run "ends" when the test jumps past its length. */
    private final AtomicLong blinkClockOffset = new AtomicLong();

    @BeforeEach
    void callbacksOnAndRunsThatWaitForTheTest() {
        server.clock(() -> System.currentTimeMillis() + blinkClockOffset.get());
        server.workflow(WORKSPACE, WORKFLOW).takes(Duration.ofHours(1)).outputs("{\"verdict\": \"contained\"}");
        BlinkGlobalConfiguration.get().connection(CONNECTION).orElseThrow().setCallbackEnabled(true);
        server.callbackDelivery(CallbackDelivery.NEVER);
    }

    @Test
    void blinksCallbackEndsTheWaitWithoutLoginOrCrumb() throws Exception {
        server.callbackDelivery(CallbackDelivery.AFTER_END);
        // nobody may do anything, and POSTs need a crumb: the callback must still get through
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy());
        assertThat(j.jenkins.getCrumbIssuer()).isNotNull();
        assertThat(post(j.getURL() + "job/nothing/build", "").statusCode()).isEqualTo(403);

        WorkflowRun run = waitingPipeline();
        String callback = callbackUrl();
        assertThat(callback).startsWith(j.getURL() + "blink-callback/");
        assertThat(server.count(Route.GET_EXECUTION)).isZero();

        endTheRunInBlink();

        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("Blink called back; reading execution", run);
        j.assertLogContains("\"verdict\": \"contained\"", run);
        j.assertLogNotContains("found the end by polling", run);
        // the callback's one read was all it took: no poll before it
        assertThat(server.count(Route.GET_EXECUTION)).isEqualTo(1);
        while (server.callbacks().isEmpty()) {
            Thread.sleep(50); // the fake records a callback once its answer is back; the test's timeout bounds this
        }
        assertThat(server.callbacks()).singleElement().satisfies(sent -> {
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.url()).isEqualTo(callback);
            assertThat(sent.status()).isEqualTo(204);
        });
    }

    @Test
    void nothingInTheRequestIsBelievedOnlyBlinkSaysWhenARunEnds() throws Exception {
        WorkflowRun run = waitingPipeline();
        String callback = callbackUrl();
        String lies = "{\"status\": \"Completed\", \"state\": \"Completed\", \"output\": {\"verdict\": \"forged\"}}"
                + " ".repeat(1024 * 1024);

        assertThat(post(callback, lies).statusCode()).isEqualTo(204);
        j.waitForMessage("State: Running", run);
        assertThat(run.isBuilding()).isTrue();

        endTheRunInBlink();
        assertThat(send(callback, "PUT", "not even JSON").statusCode()).isEqualTo(204);
        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogNotContains("forged", run);
        j.assertLogContains("\"verdict\": \"contained\"", run);
    }

    @Test
    void anUnknownTokenIsAnsweredAsAnyPathThatDoesNotExist() throws Exception {
        WorkflowRun run = waitingPipeline();
        String callback = callbackUrl();
        endTheRunInBlink();
        post(callback, "");
        j.assertBuildStatusSuccess(j.waitForCompletion(run));

        String guess = CallbackToken.generate().value();
        boolean trace = Dispatcher.TRACE;
        // as in production: the harness turns Stapler's tracing on, which writes the route into a 404
        Dispatcher.TRACE = false;
        try {
            // a GET: elsewhere a POST without a crumb is refused before any path is looked up
            HttpResponse<String> nowhere = send(j.getURL() + "no-such-page/" + guess, "GET", "");
            assertThat(nowhere.statusCode()).isEqualTo(404);
            for (String unknown :
                    List.of(callback, j.getURL() + "blink-callback/" + guess, j.getURL() + "blink-callback/x")) {
                for (String method : List.of("GET", "POST")) {
                    HttpResponse<String> answer = send(unknown, method, "");
                    assertThat(answer.statusCode()).as(method + " " + unknown).isEqualTo(404);
                    assertThat(withoutPath(answer)).as(method + " " + unknown).isEqualTo(withoutPath(nowhere));
                }
            }
        } finally {
            Dispatcher.TRACE = trace;
        }
    }

    @Test
    void aTokenMayOnlyKnockAFewTimesAMinute() throws Exception {
        WorkflowRun run = waitingPipeline();
        String callback = callbackUrl();

        for (int knock = 1; knock <= 5; knock++) {
            assertThat(post(callback, "").statusCode()).as("knock " + knock).isEqualTo(204);
        }
        HttpResponse<String> tooMany = post(callback, "");
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("12");
        j.waitForMessage("State: Running", run);
        assertThat(run.isBuilding()).isTrue();

        run.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        // five knocks made at most five reads (knocks during a read make one more read, not one each)
        assertThat(server.count(Route.GET_EXECUTION)).isBetween(1, 5);
    }

    @Test
    void onlyACallbacksOwnPathPassesWithoutACrumb() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy());
        String base = j.getURL() + BlinkCallbackAction.URL_NAME;

        assertThat(post(base + "/unknown-token", "").statusCode()).isEqualTo(404);
        for (String deeper : List.of(base + "/a/b", base + "/", base + "x/a")) {
            assertThat(post(deeper, "").statusCode()).as(deeper).isEqualTo(403);
        }
    }

    @Test
    void onlyTheHashOfTheTokenIsSaved() throws Exception {
        WorkflowRun run = waitingPipeline();
        String token = callbackUrl().substring(callbackUrl().lastIndexOf('/') + 1);
        String hash = CallbackToken.hashOf(token);
        run.save();

        assertThat(filesContaining(run.getRootDir().toPath(), hash)).isNotEmpty();
        // the jobs with their builds, and Jenkins' own configuration files
        assertThat(filesContaining(j.jenkins.getRootDir().toPath().resolve("jobs"), token))
                .isEmpty();
        try (Stream<Path> configs = Files.list(j.jenkins.getRootDir().toPath())) {
            assertThat(configs.filter(file -> file.toString().endsWith(".xml"))
                            .filter(file -> contains(file, token.getBytes(StandardCharsets.UTF_8))))
                    .isEmpty();
        }

        endTheRunInBlink();
        post(callbackUrl(), "");
        j.assertBuildStatusSuccess(j.waitForCompletion(run));
    }

    @Test
    void aFreestyleBuildIsWokenToo() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new BlinkExecuteBuilder(WORKFLOW));
        FreeStyleBuild build = project.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Blink will call Jenkins back", build);

        endTheRunInBlink();
        assertThat(post(callbackUrl(), "").statusCode()).isEqualTo(204);

        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
        j.assertLogContains("Blink called back; reading execution", build);
        assertThat(server.count(Route.GET_EXECUTION)).isEqualTo(1);
    }

    @Test
    void runsThatAreNotFollowedAskForNoCallback() throws Exception {
        j.buildAndAssertSuccess(pipeline("blinkExecute workflowId: '" + WORKFLOW + "', waitMode: 'NONE'"));
        assertThat(server.requests(Route.EXECUTE).get(0).bodyJson().has("callback"))
                .isFalse();
    }

    private WorkflowRun waitingPipeline() throws Exception {
        WorkflowRun run = pipeline("blinkExecute workflowId: '" + WORKFLOW + "'")
                .scheduleBuild2(0)
                .waitForStart();
        j.waitForMessage("Blink will call Jenkins back", run);
        return run;
    }

    private String callbackUrl() {
        return server.requests(Route.EXECUTE)
                .get(0)
                .bodyJson()
                .getAsJsonObject("callback")
                .get("url")
                .getAsString();
    }

    private void endTheRunInBlink() {
        blinkClockOffset.addAndGet(Duration.ofHours(2).toMillis());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return send(url, "POST", body);
    }

    private static HttpResponse<String> send(String url, String method, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A 404 page may name the path asked for; everything else must be the same. */
    private static String withoutPath(HttpResponse<String> answer) {
        return answer.body().replace(answer.uri().getPath(), "<path>");
    }

    private static List<Path> filesContaining(Path root, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> contains(file, needle))
                    .toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int k = 0; k < needle.length; k++) {
                    if (bytes[i + k] != needle[k]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // a file that vanished while Jenkins ran
        }
    }
}
