package io.jenkins.plugins.blinkops.core.target;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of the web link to one run in Blink. Blink publishes none (its docs only say that a run
 * is opened from its workflow's Execution History), so the form is a setting of the connection,
 * with placeholders {@code {host}}, {@code {workspaceId}}, {@code {workflowId}} and
 * {@code {executionId}}. Each id is URL-encoded as one path segment, so no id can change the link's
 * shape.
 */
public record RunLinkTemplate(String template) {
    // before DEFAULT: its construction uses them
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cntrl}\\s\"<>\\\\^`|]");

    /**
     * The API's own path of one run ({@code /api/v1/workspace/{ws_id}/executions/{id}}, documented)
     * under the web host, without {@code /api/v1}: Blink's known web link (the workflow editor,
     * {@code /workspace/{ws_id}/workflow/{id}/edit}) shares that prefix with the API's paths. Not
     * confirmed by Blink; a connection whose Blink shows runs elsewhere sets its own form.
     */
    public static final String DEFAULT_TEMPLATE = "{host}/workspace/{workspaceId}/executions/{executionId}";

    public static final RunLinkTemplate DEFAULT = new RunLinkTemplate(DEFAULT_TEMPLATE);

    public RunLinkTemplate {
        if (template == null || template.isBlank()) {
            throw new InvalidInputException("runLinkTemplate", "is empty");
        }
        template = template.strip();
        if (UNSAFE.matcher(template).find()) {
            throw new InvalidInputException(
                    "runLinkTemplate", "must not contain spaces, quotes, '<', '>' or control characters");
        }
        String lower = template.toLowerCase(Locale.ROOT);
        if (!template.startsWith("{host}/") && !lower.startsWith("https://") && !lower.startsWith("http://")) {
            throw new InvalidInputException(
                    "runLinkTemplate", "must start with {host}/ or with https:, like " + DEFAULT_TEMPLATE);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        boolean hasExecution = false;
        while (m.find()) {
            switch (m.group(1)) {
                case "executionId" -> hasExecution = true;
                case "host", "workspaceId", "workflowId" -> {}
                default ->
                    throw new InvalidInputException(
                            "runLinkTemplate",
                            "knows no placeholder {" + m.group(1)
                                    + "}: use {host}, {workspaceId}, {workflowId} or {executionId}");
            }
        }
        if (!hasExecution) {
            throw new InvalidInputException("runLinkTemplate", "must contain {executionId}: it links to one run");
        }
    }

    /** Whether the link needs the workflow's id, which a run followed by its id learns only from Blink. */
    public boolean needsWorkflow() {
        return template.contains("{workflowId}");
    }

    /**
     * The link, each id encoded as a path segment; the caller has checked the ids.
     *
     * @param workflowId may be {@code null} when {@link #needsWorkflow()} is false
     */
    public String expand(BlinkHost host, String workspaceId, String workflowId, String executionId) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder link = new StringBuilder();
        while (m.find()) {
            String value =
                    switch (m.group(1)) {
                        case "host" -> host.url();
                        case "workspaceId" -> BlinkHost.segment(workspaceId);
                        case "workflowId" -> BlinkHost.segment(workflowId);
                        default -> BlinkHost.segment(executionId);
                    };
            m.appendReplacement(link, Matcher.quoteReplacement(value));
        }
        m.appendTail(link);
        return link.toString();
    }
}
