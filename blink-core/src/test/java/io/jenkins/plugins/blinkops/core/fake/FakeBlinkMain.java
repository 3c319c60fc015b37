package io.jenkins.plugins.blinkops.core.fake;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fake Blink server by hand, to try the plugin against it from a Jenkins or with curl.
 * Any workspace and workflow id exists. Runs until Ctrl-C.
 *
 * <pre>
 * mvn -B -f blink-core/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.jenkins.plugins.blinkops.core.fake.FakeBlinkMain \
 *   -Dexec.args="--port 8090 --api-key demo-key --workflow-seconds 5"
 * </pre>
 */
public final class FakeBlinkMain {

    private static final String USAGE = "usage: FakeBlinkMain [--port N (8090)] [--api-key K (test-api-key)]"
            + " [--workflow-seconds S (5)] [--fail-workflow ID]";

    private FakeBlinkMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 8090;
        String apiKey = "test-api-key";
        long workflowSeconds = 5;
        String failWorkflow = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(required(args[i], value));
                    case "--api-key" -> apiKey = required(args[i], value);
                    case "--workflow-seconds" -> workflowSeconds = Long.parseLong(required(args[i], value));
                    case "--fail-workflow" -> failWorkflow = required(args[i], value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        Duration takes = Duration.ofSeconds(workflowSeconds);
        String failing = failWorkflow;
        FakeBlinkServer server = FakeBlinkServer.start(port)
                .apiKey(apiKey)
                .acceptAnyWorkflow(true)
                .autoCreatedWorkflows(wf -> {
                    wf.takes(takes);
                    if (wf.id().equals(failing)) {
                        wf.endsWith("Failed").error("Step 'deploy' failed: simulated failure", "STEP_FAILED");
                    }
                });
        printHelp(server, apiKey, workflowSeconds, failWorkflow);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static void printHelp(FakeBlinkServer server, String apiKey, long workflowSeconds, String failWorkflow) {
        String api = server.url() + Route.API_PREFIX;
        String key = "-H 'BLINK-API-KEY: " + apiKey + "'";
        System.out.println("Fake Blink server listening on " + server.url());
        System.out.println("  API key:   " + apiKey);
        System.out.println("  workflows: any workspace/workflow id; each runs " + workflowSeconds + " s"
                + (failWorkflow == null ? "" : "; workflow '" + failWorkflow + "' ends Failed"));
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl -s " + key + " " + api + "/user-workspaces");
        System.out.println("  curl -s -X POST " + key + " -H 'Content-Type: application/json' \\");
        System.out.println(
                "       -d '{\"input_values\":{\"env\":\"staging\"}}' " + api + "/workspace/W/playbooks/P/execute");
        System.out.println("  curl -s " + key + " " + api + "/workspace/W/executions/<execution_id>");
        System.out.println("  curl -s -X POST " + key + " " + api + "/workspace/W/executions/<execution_id>/cancel");
        System.out.println("  curl -s -X POST " + key + " -H 'Content-Type: application/json' -d '{}' \\");
        System.out.println("       '" + api + "/workspace/W/playbooks/P/execute?run_sync=true&timeout=30'");
        System.out.println();
        System.out.println("Ctrl-C stops it.");
    }
}
