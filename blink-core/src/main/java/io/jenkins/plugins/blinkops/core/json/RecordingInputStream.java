package io.jenkins.plugins.blinkops.core.json;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps the first bytes of an answer, to quote them when the answer cannot be parsed, and marks
 * I/O failures of the connection itself, so that "the network broke" is told apart from "Blink
 * sent something that is not JSON" (both surface as {@link IOException} from a JSON reader).
 */
public final class RecordingInputStream extends FilterInputStream {
    /** An I/O failure of the underlying connection, as opposed to a parse failure. */
    public static final class ConnectionBroken extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionBroken(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final BodyHead head = new BodyHead();

    public RecordingInputStream(InputStream in) {
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
            head.add(new byte[] {(byte) b}, 0, 1);
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
            head.add(buf, off, n);
        }
        return n;
    }

    /** The first bytes read, as text, with a mark when there was more. */
    public String head() {
        return head.text();
    }
}
