package io.jenkins.plugins.blinkops.core.fake;

/**
 * The command line of {@link FakeBlinkMain}. Every bad value is refused with a message that names
 * its option, so a user sees what to fix, never a stack trace.
 *
 * @param workflowSeconds how long each workflow run takes
 * @param failWorkflow    a workflow id whose runs end Failed, or {@code null}
 * @param strict          unknown workspace and workflow ids answer 404, as Blink does
 */
record FakeBlinkOptions(
        boolean help, int port, String apiKey, long workflowSeconds, String failWorkflow, boolean strict) {

    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: FakeBlinkMain [options]",
            "  --port N              port on 127.0.0.1 (0-65535; 0 picks a free one)    default 8090",
            "  --api-key K           the API key the fake accepts                       default test-api-key",
            "  --workflow-seconds S  how long each run takes (0 or more)                default 5",
            "  --fail-workflow ID    runs of this workflow end Failed",
            "  --strict              unknown workspaces and workflows answer 404, as Blink does",
            "                        (default: any id exists, created on first use)",
            "  --help                print this and exit");

    /** A command line that cannot be run, with the message to show. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    static FakeBlinkOptions parse(String... args) throws UsageError {
        boolean help = false, strict = false;
        int port = 8090;
        String apiKey = "test-api-key";
        long workflowSeconds = 5;
        String failWorkflow = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> help = true;
                case "--strict" -> strict = true;
                case "--port" ->
                    port = (int) number(option, value(args, ++i, option), 0, 65_535, "a port from 0 to 65535");
                case "--api-key" -> apiKey = nonBlank(option, value(args, ++i, option));
                case "--workflow-seconds" ->
                    workflowSeconds =
                            number(option, value(args, ++i, option), 0, Long.MAX_VALUE / 1000, "0 or more seconds");
                case "--fail-workflow" -> failWorkflow = nonBlank(option, value(args, ++i, option));
                default -> throw new UsageError("unknown option " + option);
            }
        }
        return new FakeBlinkOptions(help, port, apiKey, workflowSeconds, failWorkflow, strict);
    }

    private static String value(String[] args, int i, String option) throws UsageError {
        if (i >= args.length) {
            throw new UsageError(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String option, String value, long min, long max, String what) throws UsageError {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below like a number out of range
        }
        throw new UsageError(option + " must be " + what + ", was '" + value + "'");
    }

    private static String nonBlank(String option, String value) throws UsageError {
        if (value.isBlank()) {
            throw new UsageError(option + " must not be blank");
        }
        return value;
    }
}
