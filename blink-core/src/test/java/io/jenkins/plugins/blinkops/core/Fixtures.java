package io.jenkins.plugins.blinkops.core;

import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.http.RetryPolicy;
import io.jenkins.plugins.blinkops.core.run.PollingPolicy;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Settings that keep tests fast: short timeouts, quick retries, quick polls. */
public final class Fixtures {
    public static final String KEY = "test-api-key";
    public static final RetryPolicy QUICK_RETRIES =
            new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3));
    static final PollingPolicy QUICK_POLLS = new PollingPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(100));

    private Fixtures() {}

    public static ConnectionSettings settings(FakeBlinkServer server) {
        return settings(server.url());
    }

    public static ConnectionSettings settings(String url) {
        return ConnectionSettings.of(BlinkHost.parse(url))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetryPolicy(QUICK_RETRIES);
    }

    /** A fake with workspace {@code ws-1} ("Ops") and its workflow {@code wf-1}, which ends with these outputs. */
    public static FakeBlinkServer serverWithWorkflow(String outputs) {
        FakeBlinkServer server = FakeBlinkServer.start().workspace("ws-1", "Ops");
        server.workflow("ws-1", "wf-1").outputs(outputs);
        return server;
    }

    public static BlinkClient client(FakeBlinkServer server) {
        return client(server.url());
    }

    public static BlinkClient client(String url) {
        return new BlinkClient(BlinkTransport.forSettings(settings(url)), ApiKey.of(KEY));
    }

    public static RunOptions options(WaitMode mode) {
        return RunOptions.DEFAULT.withWaitMode(mode).withPolling(QUICK_POLLS).withTimeout(Duration.ofSeconds(5));
    }

    /**
     * A start's body without the {@code event.jenkins.nonce} every start carries (random, so not
     * to be compared), and without the {@code jenkins} and {@code event} members it alone made.
     */
    public static String withoutNonce(String body) {
        com.google.gson.JsonObject json =
                com.google.gson.JsonParser.parseString(body).getAsJsonObject();
        com.google.gson.JsonObject event = json.getAsJsonObject("event");
        com.google.gson.JsonObject jenkins =
                event.getAsJsonObject(io.jenkins.plugins.blinkops.core.target.StartNonce.EVENT_MEMBER);
        jenkins.remove(io.jenkins.plugins.blinkops.core.target.StartNonce.NONCE_MEMBER);
        if (jenkins.isEmpty()) {
            event.remove(io.jenkins.plugins.blinkops.core.target.StartNonce.EVENT_MEMBER);
        }
        if (event.isEmpty()) {
            json.remove("event");
        }
        return json.toString();
    }

    /** A build log that can be read back. */
    public static final class CapturedLog {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        public final BuildLog log = new BuildLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        public String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
