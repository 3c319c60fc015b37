package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.json.RecordingInputStream;
import io.jenkins.plugins.blinkops.core.json.ResponseParsers;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.Operation;
import io.jenkins.plugins.blinkops.core.target.Target;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswersTest {
    private static final ApiKey KEY = ApiKey.of("test-api-key");

    private static BlinkApiException refused(String body) {
        RecordingInputStream in =
                new RecordingInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        ApiCall call = ApiCall.post(Operation.EXECUTE, Target.workflow("ws-1", "wf-1"), "/x", "{}");
        try {
            Answers.read(200, in, in::head, call, ResponseParsers::executionId, KEY);
        } catch (BlinkApiException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("read");
    }

    /** Found by AnswerReadingPropertiesTest: the message quoted the body but not what was wrong with it. */
    @Test
    void anUnreadableAnswerSaysWhatWasWrong() {
        assertThat(refused("{\"id\":\"e-1\"}").getMessage())
                .contains("not the JSON expected (no execution_id in the answer): it was '{\"id\":\"e-1\"}'");
        assertThat(refused("{\"execution_id\":").getMessage())
                .containsPattern("not the JSON expected \\(.*(End of input|EOF).*\\)")
                .doesNotContain("Troubleshooting");
    }

    @Test
    void theReasonIsBoundedAndWithoutTheKey() {
        String name = "k".repeat(1000) + KEY.value();
        BlinkApiException e = refused("{\"" + name + "\":{\"a\":}}");
        assertThat(e.reason()).isEqualTo(BlinkApiException.Reason.INVALID_ANSWER);
        assertThat(e.getMessage()).doesNotContain(KEY.value()).hasSizeLessThan(700);
    }
}
