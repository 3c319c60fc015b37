package io.jenkins.plugins.blinkops.core.client;

/** What the benchmarks ({@code core.bench}) need of the engine's package-private side; test code only. */
public final class EngineAccess {
    private EngineAccess() {}

    /** The exact body {@link BlinkClient#startExecution} sends for {@code request}. */
    public static String jsonBody(ExecutionRequest request) {
        return request.toJsonBody();
    }
}
