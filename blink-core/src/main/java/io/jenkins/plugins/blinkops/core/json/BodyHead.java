package io.jenkins.plugins.blinkops.core.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The first bytes of an answer, kept to quote them when the answer cannot be read. */
public final class BodyHead {
    static final int HEAD_BYTES = 200;

    private final byte[] head = new byte[HEAD_BYTES];
    private int headLength;
    private long total;

    public void add(byte[] buf, int off, int n) {
        total += n;
        int keep = Math.min(n, HEAD_BYTES - headLength);
        if (keep > 0) {
            System.arraycopy(buf, off, head, headLength, keep);
            headLength += keep;
        }
    }

    /** Notes the bytes of {@code data}, leaving its position where it was. */
    public void add(ByteBuffer data) {
        int n = data.remaining();
        int keep = Math.min(n, HEAD_BYTES - headLength);
        if (keep > 0) {
            data.duplicate().get(head, headLength, keep);
            headLength += keep;
        }
        total += n;
    }

    /** The first bytes, as text, with a mark when there was more. */
    public String text() {
        String text = new String(head, 0, headLength, StandardCharsets.UTF_8).strip();
        return total > headLength ? text + "…" : text;
    }
}
