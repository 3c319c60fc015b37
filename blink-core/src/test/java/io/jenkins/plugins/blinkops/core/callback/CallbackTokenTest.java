package io.jenkins.plugins.blinkops.core.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallbackTokenTest {

    @Test
    void aTokenIs43UrlSafeCharactersOf256RandomBits() {
        CallbackToken token = CallbackToken.generate();
        assertThat(token.value()).hasSize(CallbackToken.LENGTH).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token.value())).hasSize(32);
    }

    @Test
    void aThousandTokensAreAllDistinct() {
        Set<String> values = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            CallbackToken token = CallbackToken.generate();
            values.add(token.value());
            hashes.add(token.hash());
        }
        assertThat(values).hasSize(1000);
        assertThat(hashes).hasSize(1000);
    }

    @Test
    void theHashIsTheSha256OfTheTokenInHex() throws Exception {
        CallbackToken token = CallbackToken.generate();
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(token.value().getBytes(StandardCharsets.UTF_8)));
        assertThat(token.hash()).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(CallbackToken.hashOf(token.value())).isEqualTo(expected);
    }

    @Test
    void toStringNeverShowsTheToken() {
        CallbackToken token = CallbackToken.generate();
        assertThat(token.toString()).doesNotContain(token.value()).doesNotContain(token.hash());
    }
}
