package io.jenkins.plugins.blinkops.core.json;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Fails once more than a limit of characters has been read: for an answer that is read whole into a
 * tree (a start, a workspace, a list), which no streaming cut can shorten. A runaway answer is so
 * refused, as an answer that is not the JSON expected, instead of held.
 */
final class LimitedReader extends FilterReader {
    private final long limit;
    private long read;

    LimitedReader(Reader in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws IOException {
        read += n;
        if (read > limit) {
            throw new IOException("the answer is longer than " + limit + " characters");
        }
    }
}
