package io.jenkins.plugins.blinkops.core;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the first bytes of an answer, to quote them when the answer cannot be parsed, and marks
 * I/O failures of the connection itself, so that "the network broke" is told apart from "Blink
 * sent something that is not JSON" (both surface as {@link IOException} from a JSON reader).
 */
final class RecordingInputStream extends FilterInputStream {
    static final int HEAD_BYTES = 200;

    /** An I/O failure of the underlying connection, as opposed to a parse failure. */
    static final class ConnectionBroken extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionBroken(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    private long total;

    RecordingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            throw new ConnectionBroken(e);
        }
        if (b >= 0) {
            remember(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(buf, off, len);
        } catch (IOException e) {
            throw new ConnectionBroken(e);
        }
        if (n > 0) {
            remember(buf, off, n);
        }
        return n;
    }

    private void remember(byte[] buf, int off, int n) {
        total += n;
        int keep = Math.min(n, HEAD_BYTES - headLength);
        if (keep > 0) {
            System.arraycopy(buf, off, head, headLength, keep);
            headLength += keep;
        }
    }

    long bytesRead() {
        return total;
    }

    /** The first bytes read, as text, with a mark when there was more. */
    String head() {
        String text = new String(head, 0, headLength, StandardCharsets.UTF_8).strip();
        return total > headLength ? text + "…" : text;
    }
}
