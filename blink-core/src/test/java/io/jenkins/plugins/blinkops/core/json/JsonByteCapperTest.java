package io.jenkins.plugins.blinkops.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonByteCapperTest {

    /** Feeds {@code json} in pieces of {@code chunk} bytes, as the network would. */
    private static JsonByteCapper capped(String json, long budget, int chunk) {
        JsonByteCapper capper = new JsonByteCapper(budget);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            capper.feed(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        return capper;
    }

    private static JsonElement parsed(JsonByteCapper capper) {
        return JsonParser.parseString(new String(capper.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerWithinTheBudgetIsKeptByteForByteEvenWhenItIsNotJson() {
        for (String answer : new String[] {"{\"a\": [1, 2, {\"b\": \"x\\\"y\"}]}", "<html>502</html>", "{\"cut"}) {
            JsonByteCapper capper = capped(answer, 1000, 3);
            assertThat(capper.cut()).isFalse();
            assertThat(new String(capper.bytes(), StandardCharsets.UTF_8)).isEqualTo(answer);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 9, 14, 17, 20, 26, 31, 38, 45, 52})
    void whereverTheBudgetEndsWhatIsKeptIsValidJson(int budget) {
        String answer = "{\"name\": \"héllo wörld \\u00e9\\n\", \"n\": -12.5e3, \"ok\": true,"
                + " \"list\": [1, [2, null], {\"deep\": \"value\"}], \"last\": \"z\"}";
        for (int chunk : new int[] {1, 7, 1000}) {
            JsonByteCapper capper = capped(answer, budget, chunk);

            assertThat(capper.cut()).isTrue();
            assertThat(parsed(capper).isJsonObject())
                    .as("budget %d, chunk %d: %s", budget, chunk, new String(capper.bytes(), StandardCharsets.UTF_8))
                    .isTrue();
            assertThat(capper.bytes().length).isLessThanOrEqualTo(budget + 16);
        }
    }

    @Test
    void aGiantStringIsCutAfterItsLastWholeCharacter() {
        String answer = "{\"report\":\"" + "é".repeat(100_000) + "\"}";

        JsonByteCapper capper = capped(answer, 1001, 4096);

        String report = parsed(capper).getAsJsonObject().get("report").getAsString();
        assertThat(report).matches("é+").hasSizeLessThan(500);
        assertThat(capper.cut()).isTrue();
    }

    @Test
    void aMemberCutAtItsNameOrBeforeItsValueIsNull() {
        assertThat(parsed(capped("{\"a\":1,\"bbbbbbbbbb\":2}", 10, 1)).toString())
                .isEqualTo("{\"a\":1,\"bb\":null}");
        assertThat(parsed(capped("{\"a\":1,\"b\":   2}", 12, 1)).toString()).isEqualTo("{\"a\":1,\"b\":null}");
        assertThat(parsed(capped("{\"a\":12345678}", 8, 1)).toString()).isEqualTo("{\"a\":null}");
        assertThat(parsed(capped("[1,2,3,4]", 4, 1)).toString()).isEqualTo("[1,null]");
        assertThat(parsed(capped("[1, 2,3,4]", 4, 1)).toString()).isEqualTo("[1]");
    }
}
