package io.jenkins.plugins.blinkops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text of the plugin's {@code .properties} files goes through message formatting ({@code ${%…}}
 * in Jelly views, {@code Messages} in Java), where a single quote starts a quoted part and vanishes:
 * "Blink's callback" would read "Blinks callback". An apostrophe is written {@code \u2019} or {@code ''}.
 */
class MessageFormattingTest {
    private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

    @Test
    void noTextHasALoneApostrophe() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                Properties texts = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                    texts.load(in);
                }
                texts.forEach((key, text) -> {
                    if (LONE_QUOTE.matcher(text.toString()).find()) {
                        found.add(file + ": " + key + "=" + text);
                    }
                });
            }
        }
        assertThat(found)
                .as("texts whose apostrophe message formatting would eat")
                .isEmpty();
    }

    @Test
    void theRuleSeesALoneApostrophe() {
        assertThat(LONE_QUOTE.matcher("end waits on Blink's callback").find()).isTrue();
        assertThat(LONE_QUOTE.matcher("end waits on Blink''s callback").find()).isFalse();
    }
}
