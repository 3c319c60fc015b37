package io.jenkins.plugins.blinkops.core.http;

import static io.jenkins.plugins.blinkops.core.target.BlinkApiException.Reason.INVALID_ANSWER;
import static io.jenkins.plugins.blinkops.core.target.BlinkApiException.Reason.NOT_SENT;
import static io.jenkins.plugins.blinkops.core.target.BlinkApiException.Reason.NO_ANSWER;
import static io.jenkins.plugins.blinkops.core.target.BlinkApiException.Reason.TIMED_OUT;

import com.google.gson.JsonParseException;
import io.jenkins.plugins.blinkops.core.json.ErrorBodies;
import io.jenkins.plugins.blinkops.core.json.RecordingInputStream;
import io.jenkins.plugins.blinkops.core.json.ResponseReader;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.Redaction;
import io.jenkins.plugins.blinkops.core.text.Durations;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * What came back from Blink (or did not), turned into a result or the one exception type, in the
 * same words for the blocking and the asynchronous HTTP client.
 */
public final class Answers {
    /** How much of an error answer is read to find Blink's message; the rest is not needed. */
    public static final int ERROR_BODY_LIMIT = 64 * 1024;

    /** How much of a reader's reason for refusing an answer its message quotes. */
    static final int REASON_LIMIT = 160;

    private Answers() {}

    /**
     * Reads a 2xx answer's body. No body at all (a 204) is read as an empty one: a reader that
     * needs none (cancel) accepts it, the others report "an empty body".
     *
     * @param head the first bytes received, to quote when the body cannot be read
     * @throws RecordingInputStream.ConnectionBroken when the connection broke while reading
     */
    static <T> T read(
            int status,
            RecordingInputStream body,
            Supplier<String> head,
            ApiCall call,
            ResponseReader<T> reader,
            ApiKey key)
            throws IOException {
        try (Reader text = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            return reader.read(text);
        } catch (RecordingInputStream.ConnectionBroken e) {
            throw e;
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            String quoted = Redaction.redact(head.get(), key);
            String wrong = Redaction.redact(whatWasWrong(e), key);
            throw invalidAnswer(call, status, wrong, quoted.isEmpty() ? "an empty body" : "'" + quoted + "'");
        }
    }

    private static BlinkApiException invalidAnswer(ApiCall call, int status, String wrong, String what) {
        return new BlinkApiException(
                INVALID_ANSWER,
                status,
                what,
                "Blink answered HTTP " + status + " to the request to " + call.operation().verb
                        + " but the answer is not the JSON expected (" + wrong + "): it was " + what + ".",
                null);
    }

    /**
     * What the reader found wrong, in its own words, shortened: the innermost cause's first line
     * (Gson wraps its reader's exception, and adds a line pointing to its troubleshooting guide).
     * Gson names where, by the path of member names, which the body chose: hence the bound.
     */
    static String whatWasWrong(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String firstLine = text.strip().lines().findFirst().orElse("").strip();
        return firstLine.length() <= REASON_LIMIT ? firstLine : firstLine.substring(0, REASON_LIMIT) + "…";
    }

    /**
     * A status other than 2xx.
     *
     * @param body        up to {@link #ERROR_BODY_LIMIT} bytes of it, as text
     * @param location    the {@code Location} header, or {@code null}
     * @param retryAfter  the {@code Retry-After} header, or {@code null}
     */
    static BlinkApiException error(
            int status, String body, String location, String retryAfter, ApiCall call, ApiKey key) {
        String message = Redaction.redact(ErrorBodies.message(body), key);
        if (status >= 300 && status < 400) {
            return new BlinkApiException(
                    BlinkApiException.Reason.HTTP_STATUS,
                    status,
                    message,
                    "Blink answered with a redirect (HTTP " + status + ")"
                            + (location == null ? "" : " to " + location)
                            + ": set the connection's host URL to where it points.",
                    null);
        }
        return BlinkApiException.forStatus(
                call.operation(), call.target(), status, message, RetryAfter.parse(retryAfter));
    }

    /**
     * No usable answer came.
     *
     * @param aborted whether the call's deadline aborted it
     */
    static BlinkApiException failure(IOException e, ApiCall call, boolean aborted, ConnectionSettings settings) {
        String verb = call.operation().verb;
        String host = settings.host().url();
        if (aborted) {
            return new BlinkApiException(
                    TIMED_OUT,
                    0,
                    null,
                    "Gave up trying to " + verb + " after " + Durations.describe(callTimeout(settings, call))
                            + " (the connection's call timeout).",
                    null);
        }
        if (e instanceof UnknownHostException) {
            return new BlinkApiException(
                    NOT_SENT, 0, null, "Cannot find the host of " + host + ": check the connection's host URL.", e);
        }
        if (e instanceof ConnectException || e instanceof ConnectTimeoutException) {
            return new BlinkApiException(
                    NOT_SENT,
                    0,
                    null,
                    "Cannot connect to " + host + " (" + e.getClass().getSimpleName() + "): check the host URL, "
                            + "the proxy settings and that Jenkins can reach Blink.",
                    e);
        }
        if (e instanceof SocketTimeoutException) {
            return new BlinkApiException(
                    TIMED_OUT,
                    0,
                    null,
                    "Blink did not answer within " + Durations.describe(responseTimeout(settings, call))
                            + " when asked to " + verb + (call.operation().repeatable ? "." : mayHaveActed()),
                    e);
        }
        return new BlinkApiException(
                NO_ANSWER,
                0,
                null,
                "The connection to " + host + " broke while trying to " + verb + " ("
                        + e.getClass().getSimpleName() + ")" + (call.operation().repeatable ? "." : mayHaveActed()),
                e);
    }

    /** The longest one call may take in all, retries included. */
    static java.time.Duration callTimeout(ConnectionSettings settings, ApiCall call) {
        return settings.callTimeout().plus(call.extraWait());
    }

    /** The longest wait for the next bytes of an answer. */
    static java.time.Duration responseTimeout(ConnectionSettings settings, ApiCall call) {
        return settings.responseTimeout().plus(call.extraWait());
    }

    private static String mayHaveActed() {
        return ". Blink may have started the workflow; it was not sent again so that it cannot run twice.";
    }
}
