package io.jenkins.plugins.blinkops.core.json;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Cuts every JSON string literal of a text to at most {@code maxRawChars} characters as written
 * (escapes counted as written), dropping the rest up to its closing quote, so that a JSON reader
 * never builds a giant string. Gson's {@code JsonReader.nextString()} has no limit: one output of
 * 50 MB in a single string would need several times that much heap before {@link CappedJson} could
 * throw it away. A string is only cut between two escapes, never inside one, so what is kept is
 * still valid JSON.
 *
 * <p>An escape is at most six characters as written for one character read ({@code \\uXXXX}), so
 * a string cut at {@code 6 * (limit + 1)} characters still reads as more than {@code limit}
 * characters: {@link CappedJson} sees it is too long and marks the value truncated, as it would have
 * done for the whole string.
 */
final class BoundedStringsReader extends FilterReader {
    private static final int MAX_ESCAPE_CHARS = 6;

    private final long maxRawChars;
    private boolean inString;
    private boolean dropping;
    /** In an escape: -1 just after the backslash, else how many of its characters are still to come. */
    private int escape;

    private long stringLength;

    private BoundedStringsReader(Reader in, long maxRawChars) {
        super(in);
        this.maxRawChars = maxRawChars;
    }

    /** A reader on which no string read is longer than needed to tell it exceeds {@code limit} characters. */
    static Reader keepingStringsTo(Reader in, long limit) {
        long max = limit >= (Long.MAX_VALUE / MAX_ESCAPE_CHARS) - 1 ? Long.MAX_VALUE : MAX_ESCAPE_CHARS * (limit + 1);
        return new BoundedStringsReader(in, max);
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = in.read(buf, off, len);
            if (n <= 0) {
                return n;
            }
            int kept = filter(buf, off, n);
            if (kept > 0) {
                return kept;
            }
            // everything read was dropped: read on rather than answer 0, which readers take as "no progress"
        }
    }

    @Override
    public long skip(long n) throws IOException {
        char[] buf = new char[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readAheadLimit) throws IOException {
        throw new IOException("mark not supported");
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("reset not supported");
    }

    /** Filters {@code buf[off, off + n)} in place; answers how many characters were kept. */
    private int filter(char[] buf, int off, int n) {
        int to = off;
        for (int i = off; i < off + n; i++) {
            char c = buf[i];
            if (!inString) {
                if (c == '"') {
                    inString = true;
                    dropping = false;
                    escape = 0;
                    stringLength = 0;
                }
                buf[to++] = c;
                continue;
            }
            boolean startsCharacter = false;
            if (escape == -1) {
                escape = c == 'u' ? 4 : 0;
            } else if (escape > 0) {
                escape--;
            } else if (c == '\\') {
                escape = -1;
                startsCharacter = true;
            } else if (c == '"') {
                inString = false;
                buf[to++] = c;
                continue;
            } else {
                startsCharacter = true;
            }
            if (startsCharacter && !dropping && stringLength >= maxRawChars) {
                dropping = true;
            }
            if (!dropping) {
                stringLength++;
                buf[to++] = c;
            }
        }
        return to - off;
    }
}
