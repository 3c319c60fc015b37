package io.jenkins.plugins.blinkops.core.http;

import io.jenkins.plugins.blinkops.core.json.BodyHead;
import io.jenkins.plugins.blinkops.core.json.JsonByteCapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Takes in an answer as the asynchronous client pushes it, never holding more than a bound: a 2xx
 * body through {@link JsonByteCapper} (at most its budget), an error body up to
 * {@link Answers#ERROR_BODY_LIMIT}, and the first bytes of either to quote.
 */
final class CappedAnswerConsumer extends AbstractBinResponseConsumer<CappedAnswerConsumer.Received> {
    /** How much the server may send before this consumer took it in. */
    private static final int CHUNK = 64 * 1024;

    /** An answer as received: a body that may have been {@code cut}, and what quoting and errors need. */
    record Received(int status, byte[] body, boolean cut, BodyHead head, String location, String retryAfter) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final long budget;
    private final BodyHead head = new BodyHead();
    private int status;
    private String location;
    private String retryAfter;
    private JsonByteCapper success;
    private ByteArrayOutputStream error;

    CappedAnswerConsumer(long budget) {
        this.budget = budget;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) {
        status = response.getCode();
        location = value(response.getFirstHeader("Location"));
        retryAfter = value(response.getFirstHeader("Retry-After"));
        if (status >= 200 && status < 300) {
            success = new JsonByteCapper(budget);
        } else {
            error = new ByteArrayOutputStream();
        }
    }

    @Override
    protected int capacityIncrement() {
        return CHUNK;
    }

    @Override
    protected void data(ByteBuffer data, boolean endOfStream) {
        head.add(data);
        if (success != null) {
            success.feed(data);
            return;
        }
        byte[] kept = new byte[Math.min(data.remaining(), Math.max(0, Answers.ERROR_BODY_LIMIT - error.size()))];
        data.get(kept);
        error.writeBytes(kept);
        data.position(data.limit());
    }

    @Override
    protected Received buildResult() {
        return success != null
                ? new Received(status, success.bytes(), success.cut(), head, location, retryAfter)
                : new Received(status, error.toByteArray(), false, head, location, retryAfter);
    }

    @Override
    public void releaseResources() {
        // nothing is held outside this object
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }
}
