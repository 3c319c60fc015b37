package io.jenkins.plugins.blinkops.core.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BlinkHostTest {

    @ParameterizedTest
    @CsvSource({
        "https://app.blinkops.com, https://app.blinkops.com",
        "https://app.blinkops.com/, https://app.blinkops.com",
        "https://app.blinkops.com/api/v1, https://app.blinkops.com",
        "https://app.blinkops.com/api/v1/, https://app.blinkops.com",
        "  https://eu1.blinkops.com  , https://eu1.blinkops.com",
        "https://us2.blinkops.com/API/V1, https://us2.blinkops.com",
        "https://acme.app.blinkops.com, https://acme.app.blinkops.com",
        "http://127.0.0.1:8090, http://127.0.0.1:8090",
    })
    void acceptsWhatUsersPaste(String typed, String normalised) {
        BlinkHost host = BlinkHost.parse(typed);
        assertThat(host.url()).isEqualTo(normalised);
        assertThat(host.apiBase()).isEqualTo(normalised + "/api/v1");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void blankMeansTheDefaultHost(String typed) {
        assertThat(BlinkHost.parse(typed).url()).isEqualTo("https://app.blinkops.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "app.blinkops.com",
                "ftp://app.blinkops.com",
                "https://",
                "https://a b.com",
                "https://app.blinkops.com?x=1",
                "https://user:pw@app.blinkops.com"
            })
    void rejectsWhatIsNotAHostUrlNamingTheField(String typed) {
        assertThatThrownBy(() -> BlinkHost.parse(typed))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("hostUrl: ")
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("hostUrl"));
    }

    @ParameterizedTest
    @CsvSource({
        "https://app.blinkops.com, false",
        "http://blink.corp.example, true",
        "HTTP://10.1.2.3:8080, true",
        "http://127.0.0.1:8090, false",
        "http://localhost:8090, false",
        "http://[::1]:8090, false",
    })
    void saysWhenTheKeyWouldTravelUnencrypted(String url, boolean inClear) {
        assertThat(BlinkHost.parse(url).sendsKeyInClear()).isEqualTo(inClear);
    }

    @Test
    void linksToTheWorkflowPageWithEncodedIds() {
        BlinkHost host = BlinkHost.parse("https://app.blinkops.com/");
        assertThat(host.workflowLink("ws 1", "wf/2"))
                .isEqualTo("https://app.blinkops.com/workspace/ws%201/workflow/wf%2F2/edit");
    }
}
