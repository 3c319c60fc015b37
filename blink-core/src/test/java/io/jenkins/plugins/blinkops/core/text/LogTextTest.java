package io.jenkins.plugins.blinkops.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import org.junit.jupiter.api.Test;

/** Text from Blink cannot forge a log line or recolour the console. */
class LogTextTest {

    @Test
    void controlCharactersNeverReachTheBuildLog() {
        Fixtures.CapturedLog captured = new Fixtures.CapturedLog();
        captured.log.info("State: Running\n[Blink] Completed \u001b[32mOK\u001b[0m\r\u0000\u202e");
        captured.log.warn("a\u0085b");
        captured.log.block("Outputs:", "line one\u001b[2J\nline two");

        String text = captured.text();
        assertThat(text.lines()).hasSize(5);
        assertThat(text.lines().filter(l -> l.startsWith("[Blink] Completed"))).isEmpty();
        assertThat(text).doesNotContain("\u001b", "\u0000", "\r", "\u0085", "\u202e");
        assertThat(text).contains("State: Running?[Blink] Completed ?[32mOK");
    }
}
