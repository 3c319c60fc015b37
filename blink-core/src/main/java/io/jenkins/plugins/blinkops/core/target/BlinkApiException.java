package io.jenkins.plugins.blinkops.core.target;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * A call to Blink that failed: the one exception type the engine throws for it. The message is
 * meant for a Jenkins user and says what to do; {@link #status()} and {@link #blinkMessage()} keep
 * what Blink answered. No message ever contains the API key.
 */
public final class BlinkApiException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure it was; decides whether waiting may go on and whether Blink may have acted. */
    public enum Reason {
        /** No connection was made: Blink received nothing. */
        NOT_SENT,
        /** The request went out but no complete answer came back: Blink may have acted. */
        NO_ANSWER,
        /** The call took longer than allowed. */
        TIMED_OUT,
        /** Blink answered with an HTTP error status. */
        HTTP_STATUS,
        /** Blink answered 2xx with something that is not what the API promises. */
        INVALID_ANSWER
    }

    private final Reason reason;
    private final int status;
    private final String blinkMessage;
    private final transient Duration retryAfter;

    public BlinkApiException(Reason reason, int status, String blinkMessage, String message, Throwable cause) {
        this(reason, status, blinkMessage, message, cause, null);
    }

    private BlinkApiException(
            Reason reason, int status, String blinkMessage, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
        this.blinkMessage = blinkMessage;
        this.retryAfter = retryAfter;
    }

    public static BlinkApiException forStatus(
            Operation op, Target target, int status, String blinkMessage, Duration retryAfter) {
        return new BlinkApiException(
                Reason.HTTP_STATUS,
                status,
                blinkMessage,
                describeStatus(op, target, status, blinkMessage),
                null,
                retryAfter);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status Blink answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** How long Blink asked us to wait before trying again ({@code Retry-After}), or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** What Blink said (its {@code message}, or the start of its answer), or {@code null}. */
    public String blinkMessage() {
        return blinkMessage;
    }

    /**
     * Whether asking again later cannot help: the key, the permissions or the ids are wrong. A
     * follower stops at once on these, and keeps polling through the others.
     */
    public boolean isPermanent() {
        return reason == Reason.HTTP_STATUS && status >= 400 && status < 500 && status != 408 && status != 429;
    }

    private static String describeStatus(Operation op, Target target, int status, String blinkMessage) {
        String said = blinkMessage == null || blinkMessage.isBlank() ? "" : " Blink said: " + blinkMessage;
        String what =
                switch (status) {
                    case 401 ->
                        "Blink rejected the API key (HTTP 401): it is invalid or has expired. "
                                + "Create a new API key in Blink and update the Jenkins credential.";
                    case 403 ->
                        "The API key is valid, but its user may not " + op.verb + inWorkspace(target)
                                + " (HTTP 403). Give that user the Contributor or Owner role in the workspace.";
                    case 404 -> notFound(op, target, blinkMessage) + " (HTTP 404).";
                    case 407 ->
                        "The proxy refused the request (HTTP 407, proxy authentication required): "
                                + "check the proxy user name and password in Jenkins' proxy settings.";
                    case 408 -> "Blink gave up waiting for the workflow (HTTP 408).";
                    case 429 -> "Blink is limiting the rate of requests (HTTP 429); try again later.";
                    default ->
                        status >= 500
                                ? "Blink could not " + op.verb + ": it answered HTTP " + status
                                        + ", a server or gateway error on Blink's side."
                                : "Blink refused to " + op.verb + " (HTTP " + status + ").";
                };
        return what + said;
    }

    private static String notFound(Operation op, Target target, String blinkMessage) {
        String said = blinkMessage == null ? "" : blinkMessage.toLowerCase(Locale.ROOT);
        Operation.Subject subject = said.contains("workspace") ? Operation.Subject.WORKSPACE : op.subject;
        return switch (subject) {
            case WORKSPACE ->
                "Blink found no workspace '" + target.workspaceId()
                        + "' that this API key can see. Check the workspace id";
            case WORKFLOW ->
                "Blink found no workflow '" + target.workflowId() + "'" + inWorkspace(target)
                        + ". Check the workflow id (open the workflow in Blink: the id is in the address)";
            case EXECUTION -> "Blink found no execution '" + target.executionId() + "'" + inWorkspace(target);
            case KEY -> "Blink did not recognise the API address; check the host URL of the Blink connection";
        };
    }

    private static String inWorkspace(Target target) {
        return target.workspaceId() == null ? "" : " in workspace '" + target.workspaceId() + "'";
    }
}
