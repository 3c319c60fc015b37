package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.model.BlinkHost;
import io.jenkins.plugins.blinkops.core.model.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fields of a Blink connection (host URL, timeouts, the proxy's "No Proxy Host" patterns):
 * accepted as the model says, or refused by an {@link InvalidInputException} naming the field;
 * never another exception.
 */
class ConnectionFieldPropertiesTest {

    @Property
    void aHostUrlIsAnHttpUrlWithAHostOrRefusedByName(@ForAll("hostUrls") String typed) {
        BlinkHost host;
        try {
            host = BlinkHost.parse(typed);
        } catch (InvalidInputException e) {
            assertThat(e.field()).isEqualTo("hostUrl");
            return;
        }
        URI uri = URI.create(host.url());
        assertThat(uri.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https");
        assertThat(uri.getHost()).isNotEmpty();
        assertThat(uri.getRawQuery()).isNull();
        assertThat(uri.getRawUserInfo()).isNull();
        assertThat(host.apiBase()).isEqualTo(host.url() + "/api/v1");
        assertThat(host.url()).doesNotEndWith("/");
    }

    @Provide
    Arbitrary<String> hostUrls() {
        Arbitrary<String> schemes = Arbitraries.of("https://", "http://", "HTTPS://", "ftp://", "", "https:/", "//");
        Arbitrary<String> hosts = Arbitraries.oneOf(
                Arbitraries.of("app.blinkops.com", "127.0.0.1", "[::1]", "blink.example:8443", "", "a b", "user@host"),
                Arbitraries.strings().ofMaxLength(15));
        Arbitrary<String> tails =
                Arbitraries.of("", "/", "//", "/api/v1", "/api/v1/", "/API/V1", "?q=1", "#x", "/base");
        return net.jqwik.api.Combinators.combine(schemes, hosts, tails, Arbitraries.of("", " ", "\t"))
                .as((s, h, t, pad) -> pad + s + h + t + pad);
    }

    @Property
    void timeoutsArePositiveOrRefusedByName(
            @ForAll("durations") Duration connect,
            @ForAll("durations") Duration response,
            @ForAll("durations") Duration call) {
        ConnectionSettings settings;
        try {
            settings = ConnectionSettings.of(BlinkHost.defaultHost()).withTimeouts(connect, response, call);
        } catch (InvalidInputException e) {
            assertThat(e.field()).isIn("connectTimeout", "responseTimeout", "callTimeout");
            assertThat(List.of(connect, response, call)).anyMatch(d -> d.isZero() || d.isNegative());
            return;
        }
        assertThat(List.of(settings.connectTimeout(), settings.responseTimeout(), settings.callTimeout()))
                .allMatch(d -> !d.isZero() && !d.isNegative());
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-10_000, 3_600_000).map(Duration::ofMillis),
                Arbitraries.of(Duration.ZERO, Duration.ofDays(365)));
    }

    /**
     * A "No Proxy Host" pattern matches as a glob: {@code *} any run of characters, everything else
     * itself, whatever case; whatever the user typed (regex characters, backslashes) it is a pattern.
     */
    @Property
    void aNoProxyPatternMatchesAsAGlob(@ForAll("patterns") String pattern, @ForAll("targets") String target) {
        ProxySettings proxy = new ProxySettings("proxy", 3128, null, null, List.of(pattern));
        assertThat(proxy.bypasses(target))
                .as("'%s' against '%s'", pattern, target)
                .isEqualTo(!pattern.isBlank()
                        && glob(pattern.strip().toLowerCase(Locale.ROOT), target.toLowerCase(Locale.ROOT)));
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "*.example.com",
                        "localhost",
                        "10.*",
                        "*",
                        "",
                        "a\\Eb",
                        "a\\E*",
                        "\\Q*",
                        "(x",
                        "[a-z]",
                        "a.c",
                        "a\\d"),
                Arbitraries.strings().withChars("ab.*\\EQ()[]?+|^$").ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "blink.example.com", "localhost", "10.0.0.1", "abc", "a\\Eb", "aXc", "a.c", "a\\d", "(x"),
                Arbitraries.strings().withChars("ab.*\\EQ()[]?+|^$").ofMaxLength(8));
    }

    /** Glob matching by its definition: no regex, so that the model cannot share the engine's mistakes. */
    static boolean glob(String pattern, String text) {
        boolean[][] m = new boolean[pattern.length() + 1][text.length() + 1];
        m[0][0] = true;
        for (int i = 1; i <= pattern.length(); i++) {
            char p = pattern.charAt(i - 1);
            for (int j = 0; j <= text.length(); j++) {
                if (p == '*') {
                    m[i][j] = m[i - 1][j] || (j > 0 && m[i][j - 1]);
                } else {
                    m[i][j] = j > 0 && m[i - 1][j - 1] && p == text.charAt(j - 1);
                }
            }
        }
        return m[pattern.length()][text.length()];
    }
}
