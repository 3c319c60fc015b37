package io.jenkins.plugins.blinkops.core.json;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps at most a budget of bytes of a JSON answer that arrives in pieces (the asynchronous client
 * pushes them; nothing can pull), and when the answer is longer, closes what it kept into valid
 * JSON: a string is cut after its last whole character, a member cut before its value gets
 * {@code null}, open objects and lists are closed. The result is then read by the same
 * {@link ResponseParsers} as a blocking answer, whose character limit is what the user sees; the
 * byte budget only bounds memory, so it is set well above that limit.
 *
 * <p>An answer within the budget is kept byte for byte, invalid JSON included (the reader then
 * reports it). The tokenizer only follows strings, escapes, UTF-8 sequences and brackets: it does
 * not validate.
 */
public final class JsonByteCapper {
    private final long budget;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Deque<Byte> open = new ArrayDeque<>();
    private boolean cut;

    private boolean inString;
    private boolean stringIsKey;
    private boolean escape;
    private int unicodeDigitsLeft;
    private int utf8BytesLeft;
    /** Where the current string may be cut: after its last whole character. */
    private int stringSafeLength;
    /** Whether the next string in the innermost object is a member name. */
    private boolean expectingKey;
    /** Whether a member name was read and its colon not yet. */
    private boolean afterKey;
    /** Where the number or literal being read started, or -1. */
    private int scalarStart = -1;
    /** The last byte kept outside strings and whitespace, and where it is. */
    private byte lastSignificant;

    private int lastSignificantAt = -1;

    public JsonByteCapper(long budget) {
        this.budget = budget;
    }

    public void feed(ByteBuffer data) {
        while (data.hasRemaining() && !cut) {
            if (kept.size() >= budget) {
                close();
                return;
            }
            accept(data.get());
        }
        // once cut, the rest is not kept
        data.position(data.limit());
    }

    /** Whether some of the answer was left out. */
    public boolean cut() {
        return cut;
    }

    public byte[] bytes() {
        return kept.toByteArray();
    }

    private void accept(byte b) {
        kept.write(b);
        if (inString) {
            inString(b);
            return;
        }
        switch (b) {
            case ' ', '\t', '\n', '\r' -> {
                endScalar();
                return;
            }
            case '{', '[' -> {
                endScalar();
                open.push(b);
                expectingKey = b == '{';
            }
            case '}', ']' -> {
                endScalar();
                open.poll();
                expectingKey = false;
            }
            case '"' -> {
                inString = true;
                stringIsKey = expectingKey;
                stringSafeLength = kept.size();
            }
            case ':' -> {
                expectingKey = false;
                afterKey = false;
            }
            case ',' -> {
                endScalar();
                expectingKey = Byte.valueOf((byte) '{').equals(open.peek());
            }
            default -> {
                if (scalarStart < 0) {
                    scalarStart = kept.size() - 1;
                }
            }
        }
        lastSignificant = b;
        lastSignificantAt = kept.size() - 1;
    }

    private void inString(byte b) {
        if (escape) {
            escape = false;
            unicodeDigitsLeft = b == 'u' ? 4 : 0;
        } else if (unicodeDigitsLeft > 0) {
            unicodeDigitsLeft--;
        } else if (utf8BytesLeft > 0) {
            utf8BytesLeft--;
        } else if (b == '\\') {
            escape = true;
        } else if (b == '"') {
            inString = false;
            afterKey = stringIsKey;
            lastSignificant = b;
            lastSignificantAt = kept.size() - 1;
            return;
        } else if ((b & 0x80) != 0) {
            utf8BytesLeft = (b & 0xF0) == 0xF0 ? 3 : (b & 0xE0) == 0xE0 ? 2 : 1;
        }
        if (!escape && unicodeDigitsLeft == 0 && utf8BytesLeft == 0) {
            stringSafeLength = kept.size();
        }
    }

    private void endScalar() {
        scalarStart = -1;
    }

    /** The budget is spent: make what was kept valid JSON, and keep nothing more. */
    private void close() {
        cut = true;
        byte[] bytes = kept.toByteArray();
        int length = bytes.length;
        String tail = "";
        if (inString) {
            length = stringSafeLength;
            tail = stringIsKey ? "\":null" : "\"";
        } else if (scalarStart >= 0) {
            length = scalarStart;
            tail = "null";
        } else if (afterKey) {
            tail = ":null";
        } else if (lastSignificant == ':') {
            tail = "null";
        } else if (lastSignificant == ',') {
            length = lastSignificantAt;
        }
        kept.reset();
        kept.write(bytes, 0, length);
        StringBuilder closing = new StringBuilder(tail);
        for (byte bracket : open) {
            closing.append(bracket == '{' ? '}' : ']');
        }
        kept.writeBytes(closing.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
