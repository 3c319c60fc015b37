package io.jenkins.plugins.blinkops.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.model.ExecutionSteps;
import io.jenkins.plugins.blinkops.core.model.StepResult;
import java.io.Reader;
import java.nio.CharBuffer;
import java.util.Iterator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Answers far larger than anything the plugin needs cost no more than the caps: the answers are
 * produced as they are read (never held whole by the test either), and what the readers keep is
 * measured against the caps.
 */
class BoundedAnswersTest {
    /** A Reader over text made piece by piece as it is read. */
    private static Reader streamed(Stream<String> pieces) {
        Iterator<String> it = pieces.iterator();
        return new Reader() {
            private CharBuffer current = CharBuffer.allocate(0);

            @Override
            public int read(char[] buf, int off, int len) {
                while (!current.hasRemaining()) {
                    if (!it.hasNext()) {
                        return -1;
                    }
                    current = CharBuffer.wrap(it.next());
                }
                int n = Math.min(len, current.remaining());
                current.get(buf, off, n);
                return n;
            }

            @Override
            public void close() {}
        };
    }

    private static Stream<String> repeated(String piece, long times) {
        return Stream.iterate(piece, p -> p).limit(times);
    }

    @Test
    void aRunOfThreeThousandStepsKeepsAtMostTheCap() throws Exception {
        String error = "x".repeat(10_000);
        Stream<String> steps = IntStream.range(0, 3000)
                .mapToObj(i -> (i == 0 ? "" : ",") + "{\"step_id\":\"s" + i + "\",\"state\":\""
                        + (i % 2 == 0 ? "Failed" : "Completed") + "\",\"finished_at\":" + i
                        + ",\"error_data\":\"" + error + "\",\"output_data\":{\"n\":" + i + "}}");
        Reader body = streamed(
                Stream.of(Stream.of("{\"results\":["), steps, Stream.of("]}")).flatMap(s -> s));

        ExecutionSteps read = ResponseParsers.steps(body, 1000);

        assertThat(read.steps()).hasSizeLessThanOrEqualTo(ResponseParsers.MAX_STEPS_KEPT);
        assertThat(read.steps().stream().filter(StepResult::failed)).isNotEmpty();
        assertThat(read.steps())
                .allSatisfy(s ->
                        assertThat(s.errorMessage()).hasSizeLessThanOrEqualTo(ResponseParsers.STEP_ERROR_LIMIT + 1));
        // every step was read: the outputs are those of the last to finish
        assertThat(read.outputs().values().get("n").getAsInt()).isEqualTo(2999);
    }

    @Test
    void aFiftyMegabyteErrorOfAStepKeepsOnlyItsHead() throws Exception {
        Reader body = streamed(Stream.of(
                        Stream.of(
                                "{\"results\":[{\"step_id\":\"s1\",\"state\":\"Failed\",\"error_data\":{\"message\":\""),
                        repeated("y".repeat(1024), 50L * 1024),
                        Stream.of("\"}}]}"))
                .flatMap(s -> s));

        ExecutionSteps read = ResponseParsers.steps(body, 1000);

        assertThat(read.steps()).hasSize(1);
        assertThat(read.steps().get(0).errorMessage()).hasSizeLessThanOrEqualTo(ResponseParsers.STEP_ERROR_LIMIT + 1);
    }

    @Test
    void aStartAnswerWithFiftyMegabytesBesideItsIdIsReadForTheIdAlone() throws Exception {
        Reader body = streamed(Stream.of(
                        Stream.of("{\"padding\":["),
                        IntStream.range(0, 50 * 1024)
                                .mapToObj(i -> (i == 0 ? "" : ",") + "\"" + "z".repeat(1000) + "\""),
                        Stream.of("],\"execution_id\":\"e-1\"}"))
                .flatMap(s -> s));

        // the padding is skipped as it streams by (JsonReader.skipValue), not built into a tree
        assertThat(ResponseParsers.executionId(body)).isEqualTo("e-1");
    }

    @Test
    void theWorkspaceCountOfAHugeMapIsCountedNotKept() throws Exception {
        Reader body = streamed(Stream.of(
                        Stream.of("{"),
                        IntStream.range(0, 20_000)
                                .mapToObj(i ->
                                        (i == 0 ? "" : ",") + "\"ws" + i + "\":{\"name\":\"" + "n".repeat(500) + "\"}"),
                        Stream.of("}"))
                .flatMap(s -> s));
        assertThat(ResponseParsers.workspaceCount(body)).isEqualTo(20_000);
    }
}
