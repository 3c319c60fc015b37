package io.jenkins.plugins.blinkops;

import io.jenkins.plugins.blinkops.config.BackgroundCalls;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import java.io.IOException;

/**
 * What the Jenkins benchmarks ({@code io.jenkins.plugins.blinkops.bench}) need of the plugin's
 * package-private side and of the tests' fixture; test code only, as {@code core.EngineAccess} is
 * for the engine's benchmarks.
 */
public final class PluginAccess {
    public static final String WORKSPACE = BlinkFixture.WORKSPACE;

    private PluginAccess() {}

    /** The fake Blink most tests use: it knows the key, the workspace and a workflow. */
    public static FakeBlinkServer startServer() {
        return BlinkFixture.startServer();
    }

    /** The credential and the one connection to {@code server}, allowing this many requests in flight. */
    public static void configure(FakeBlinkServer server, int maxConcurrentRequests) throws IOException {
        BlinkConnection connection = BlinkFixture.configure(server);
        connection.setMaxConcurrentRequests(maxConcurrentRequests);
        BlinkGlobalConfiguration.get().setConnections(java.util.List.of(connection));
    }

    /** Threads of the Pipeline steps' call pool running a call now. */
    public static int busyCallThreads() {
        return BackgroundCalls.busyThreads();
    }

    /** The prefix of the call pool's thread names. */
    public static String callThreadName() {
        return BackgroundCalls.THREAD_NAME;
    }
}
