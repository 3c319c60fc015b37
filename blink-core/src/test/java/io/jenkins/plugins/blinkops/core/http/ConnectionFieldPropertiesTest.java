package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
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
 * The fields of a Blink connection (host URL, timeouts; the proxy's "No Proxy Host" patterns are
 * Jenkins' own, see JenkinsProxyTest):
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
}
