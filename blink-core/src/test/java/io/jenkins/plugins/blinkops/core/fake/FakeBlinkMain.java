package io.jenkins.plugins.blinkops.core.fake;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fake Blink server by hand, to try the plugin against it from a Jenkins or with curl. It
 * starts with a few named workspaces and workflows, so that Test connection and the workflow
 * drop-down show something. Runs until Ctrl-C. See {@link FakeBlinkOptions#USAGE}.
 *
 * <pre>
 * mvn -B -f blink-core/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.jenkins.plugins.blinkops.core.fake.FakeBlinkMain \
 *   -Dexec.args="--port 8090 --api-key demo-key --workflow-seconds 5"
 * </pre>
 */
public final class FakeBlinkMain {
    /** The demo's workspaces and workflows: {workspace id, its name, workflow id, its name, its outputs}. */
    private static final String[][] DEMO = {
        {"ws-security", "Security", "wf-contain-host", "Contain host", "{\"verdict\":\"contained\",\"hosts\":1}"},
        {"ws-security", "Security", "wf-rotate-keys", "Rotate API keys", "{\"rotated\":3}"},
        {"ws-it", "IT operations", "wf-reset-password", "Reset a password", "{\"ticket\":\"IT-1042\"}"},
    };

    /** The demo workflow that pauses for a person: workspace and workflow ids. */
    private static final String[] APPROVAL = {"ws-security", "wf-rotate-keys"};

    private FakeBlinkMain() {}

    public static void main(String[] args) throws InterruptedException {
        FakeBlinkServer server;
        try {
            FakeBlinkOptions options = FakeBlinkOptions.parse(args);
            if (options.help()) {
                System.out.println(FakeBlinkOptions.USAGE);
                return;
            }
            server = start(options);
            printHelp(System.out, server, options);
        } catch (FakeBlinkOptions.UsageError e) {
            System.err.println(e.getMessage());
            System.err.println(FakeBlinkOptions.USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /**
     * Starts the fake Blink of {@code ./mvnw hpi:run} (see {@code src/demo/}): the demo's workspaces and
     * workflows, each run taking the default five seconds so that the build page shows the wait.
     *
     * @throws IllegalArgumentException naming the port when it cannot be listened on
     */
    public static FakeBlinkServer startForDemo(int port, String apiKey) {
        try {
            return start(FakeBlinkOptions.parse("--port", Integer.toString(port), "--api-key", apiKey));
        } catch (FakeBlinkOptions.UsageError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Starts the demo server; a port that cannot be listened on is a usage error naming {@code --port}. */
    static FakeBlinkServer start(FakeBlinkOptions options) throws FakeBlinkOptions.UsageError {
        FakeBlinkServer server;
        try {
            server = FakeBlinkServer.start(options.port());
        } catch (UncheckedIOException e) {
            throw new FakeBlinkOptions.UsageError("--port " + options.port() + ": cannot listen on 127.0.0.1:"
                    + options.port() + " (" + e.getCause().getMessage() + "); choose another port");
        }
        Duration takes = Duration.ofSeconds(options.workflowSeconds());
        server.apiKey(options.apiKey()).acceptAnyWorkflow(!options.strict()).autoCreatedWorkflows(wf -> {
            setUp(wf, takes, options.failWorkflow());
        });
        for (String[] demo : DEMO) {
            server.workspace(demo[0], demo[1]);
            setUp(server.workflow(demo[0], demo[2]).name(demo[3]).outputs(demo[4]), takes, options.failWorkflow());
        }
        // an approval: paused from its second read on, approved (as a person would) at its fourth
        // read while paused, about a quarter of a minute later
        server.workflow(APPROVAL[0], APPROVAL[1]).pausesAfterReads(1).resumesAfterReads(3);
        return server;
    }

    private static void setUp(FakeWorkflow wf, Duration takes, String failWorkflow) {
        wf.takes(takes);
        if (wf.id().equals(failWorkflow)) {
            wf.endsWith("Failed").failsAtStep("deploy").error("Step 'deploy' failed: simulated failure", "STEP_FAILED");
        }
    }

    static void printHelp(PrintStream out, FakeBlinkServer server, FakeBlinkOptions options) {
        String api = server.url() + Route.API_PREFIX;
        String key = "-H 'BLINK-API-KEY: " + options.apiKey() + "'";
        out.println("Fake Blink server listening on " + server.url());
        out.println("  API key:    " + options.apiKey());
        for (String[] demo : DEMO) {
            out.println("  workflow:   " + demo[0] + " / " + demo[2] + " (" + demo[3] + ")");
        }
        out.println(
                "  any other:  " + (options.strict() ? "404, as Blink answers" : "any workspace/workflow id exists"));
        out.println("  each run takes " + options.workflowSeconds() + " s"
                + (options.failWorkflow() == null ? "" : "; workflow '" + options.failWorkflow() + "' ends Failed"));
        out.println();
        out.println("Try:");
        out.println("  curl -s " + key + " " + api + "/user-workspaces");
        out.println("  curl -s -X POST " + key + " -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"input_values\":{\"host\":\"web-01\"}}' " + api
                + "/workspace/ws-security/playbooks/wf-contain-host/execute");
        out.println("  curl -s " + key + " " + api + "/workspace/ws-security/executions/<execution_id>");
        out.println("  curl -s " + key + " " + api + "/workspace/ws-security/executions/<execution_id>/steps");
        out.println("  curl -s -X POST " + key + " " + api + "/workspace/ws-security/executions/<execution_id>/cancel");
        out.println("  curl -s -X POST " + key + " -H 'Content-Type: application/json' -d '{}' \\");
        out.println("       '" + api
                + "/workspace/ws-security/playbooks/wf-contain-host/execute?run_sync=true&timeout=30'");
        out.println();
        out.println("Ctrl-C stops it.");
    }
}
