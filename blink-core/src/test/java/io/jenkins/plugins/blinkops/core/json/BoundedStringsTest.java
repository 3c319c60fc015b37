package io.jenkins.plugins.blinkops.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.jenkins.plugins.blinkops.core.model.ExecutionStatus;
import io.jenkins.plugins.blinkops.core.model.Outputs;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Outputs that are one giant string: Gson's {@code nextString()} builds a string whole, so the
 * engine cuts string literals while streaming ({@link BoundedStringsReader}) and only then lets
 * {@link CappedJson} apply the user's limit.
 */
class BoundedStringsTest {

    /** {@code {"report":"xxx...x"}} with {@code chars} characters of value, generated as it is read. */
    private static Reader giantStringOutputs(long chars) {
        return new Reader() {
            private final char[] head = "{\"report\":\"".toCharArray();
            private final char[] tail = "\"}".toCharArray();
            private long position;
            private final long total = head.length + chars + tail.length;

            @Override
            public int read(char[] buf, int off, int len) {
                if (position >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - position);
                for (int i = 0; i < n; i++, position++) {
                    long p = position;
                    buf[off + i] = p < head.length
                            ? head[(int) p]
                            : p < head.length + chars ? 'x' : tail[(int) (p - head.length - chars)];
                }
                return n;
            }

            @Override
            public void close() {}
        };
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aGiantStringCostsMemoryInProportionToTheLimitNotToItsSize() throws IOException {
        ResponseParsers.outputs(giantStringOutputs(1000), 100); // loads the classes before measuring
        long before = allocatedByThisThread();
        Outputs outputs = ResponseParsers.outputs(giantStringOutputs(50_000_000), 1024 * 1024);
        long allocated = allocatedByThisThread() - before;

        assertThat(outputs.truncated()).isTrue();
        // the limit counts the key and the brackets too
        assertThat(outputs.values().get("report").getAsString().length()).isBetween(1024 * 1024 - 100, 1024 * 1024);
        // Gson alone builds the whole 50 M characters (over 150 MB allocated as its buffer grows);
        // cut at 6 times the limit, the string costs a few tens of MB at most
        assertThat(allocated).as("bytes allocated").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aGiantStringInAnExecutionRecordIsCutToo() throws IOException {
        Reader record = new Reader() {
            private final Reader prefix = new StringReader(
                    "{\"id\":\"e1\",\"state_ui\":\"Completed\",\"step_results\":{\"s1\":{\"output_data\":");
            private final Reader outputs = giantStringOutputs(20_000_000);
            private final Reader suffix = new StringReader("}}}");

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                for (Reader r : new Reader[] {prefix, outputs, suffix}) {
                    int n = r.read(buf, off, len);
                    if (n > 0) {
                        return n;
                    }
                }
                return -1;
            }

            @Override
            public void close() {}
        };
        long before = allocatedByThisThread();
        ExecutionStatus status = ResponseParsers.execution(record, 1000);
        long allocated = allocatedByThisThread() - before;

        assertThat(status.state().name()).isEqualTo("Completed");
        Outputs outputs = status.stepResults().outputs();
        assertThat(outputs.truncated()).isTrue();
        assertThat(outputs.values().get("report").getAsString().length()).isBetween(900, 1000);
        assertThat(allocated).as("bytes allocated").isLessThan(16L * 1024 * 1024);
    }

    private static String filtered(String json, long limit) throws IOException {
        Reader r = BoundedStringsReader.keepingStringsTo(new StringReader(json), limit);
        StringBuilder out = new StringBuilder();
        char[] buf = new char[7]; // small reads cross every boundary
        for (int n; (n = r.read(buf, 0, buf.length)) >= 0; ) {
            out.append(buf, 0, n);
        }
        return out.toString();
    }

    @Test
    void shortStringsAndEverythingOutsideStringsPassUntouched() throws IOException {
        String json = "{\"a\":[1,2.5e3,true,null,\"x\\\"y\\\\\"],\"b\":{\"c\":\"d\\u00e9\"}}";
        assertThat(filtered(json, 10)).isEqualTo(json);
    }

    @Test
    void aLongStringIsCutBetweenEscapesAndStillParses() throws IOException {
        // limit 2: strings are cut after 6 * 3 = 18 characters as written
        String value = "\\u0041".repeat(10) + "\\\"" + "z".repeat(30);
        String cut = filtered("{\"k\":\"" + value + "\",\"after\":\"" + "q".repeat(40) + "\"}", 2);
        assertThat(cut).isEqualTo("{\"k\":\"" + "\\u0041".repeat(3) + "\",\"after\":\"" + "q".repeat(18) + "\"}");
        assertThat(JsonParser.parseString(cut).getAsJsonObject().get("k").getAsString())
                .isEqualTo("AAA");
    }

    @Test
    void aCutEscapedStringStillReadsAsLongerThanTheLimit() throws IOException {
        // every character escaped: the worst case for the 6-to-1 rule
        String json = "{\"s\":\"" + "\\u00e9".repeat(5000) + "\"}";
        Outputs outputs = ResponseParsers.outputs(new StringReader(json), 100);
        assertThat(outputs.truncated()).isTrue();
        assertThat(outputs.values().get("s").getAsString()).matches("é{80,100}");
    }

    @Test
    void anEscapedQuoteInTheDroppedPartDoesNotEndTheString() throws IOException {
        String json = "{\"s\":\"" + "a".repeat(20) + "\\\"}{\\\"" + "b".repeat(20) + "\",\"t\":1}";
        assertThat(filtered(json, 1)).isEqualTo("{\"s\":\"" + "a".repeat(12) + "\",\"t\":1}");
    }
}
