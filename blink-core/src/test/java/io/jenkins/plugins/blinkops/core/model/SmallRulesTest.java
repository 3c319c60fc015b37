package io.jenkins.plugins.blinkops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.blinkops.core.http.ProxySettings;
import io.jenkins.plugins.blinkops.core.http.RetryAfter;
import io.jenkins.plugins.blinkops.core.http.RetryPolicy;
import io.jenkins.plugins.blinkops.core.run.TriggerCondition;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.target.Redaction;
import io.jenkins.plugins.blinkops.core.text.Durations;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine's small rules: retry timing, proxies, trigger conditions, durations. */
class SmallRulesTest {

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(RetryAfter.parse("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(null)).isNull();
        assertThat(RetryAfter.parse("soon")).isNull();
        assertThat(RetryAfter.parse("-3")).isNull();
        String inTenSeconds =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(RetryAfter.parse(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        String past =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().minusHours(1));
        assertThat(RetryAfter.parse(past)).isEqualTo(Duration.ZERO);
    }

    @Test
    void backoffGrowsWithJitterAndStaysUnderTheCap() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));
        for (int i = 0; i < 50; i++) {
            assertThat(p.backoff(1).toMillis()).isBetween(50L, 100L);
            assertThat(p.backoff(3).toMillis()).isBetween(200L, 400L);
            assertThat(p.backoff(9).toMillis()).isBetween(500L, 1000L);
        }
    }

    @Test
    void retryPolicyRejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("maxAttempts");
    }

    @Test
    void aHostBypassesTheProxyWhenAPatternMatchesItWhole() {
        ProxySettings p = new ProxySettings(
                "proxy.corp",
                3128,
                null,
                null,
                List.of(Pattern.compile(".*\\.internal"), Pattern.compile("localhost")));
        assertThat(p.bypasses("blink.internal")).isTrue();
        assertThat(p.bypasses("localhost")).isTrue();
        assertThat(p.bypasses("app.blinkops.com")).isFalse();
        assertThat(p.bypasses("blink.internal.evil.com")).isFalse();
    }

    @Test
    void proxySettingsAreEqualWhenTheirPatternsSayTheSame() {
        assertThat(new ProxySettings("p", 1, null, null, List.of(Pattern.compile("a.*"))))
                .isEqualTo(new ProxySettings("p", 1, null, null, List.of(Pattern.compile("a.*"))))
                .isNotEqualTo(new ProxySettings("p", 1, null, null, List.of(Pattern.compile("b.*"))));
    }

    @Test
    void proxyToStringHidesThePassword() {
        ProxySettings p = new ProxySettings("proxy", 8080, "alice", "s3cr3t-pw", List.of());
        assertThat(p.toString()).contains("alice").doesNotContain("s3cr3t-pw");
    }

    @Test
    void proxyPortIsChecked() {
        assertThatThrownBy(() -> ProxySettings.of("proxy", 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("proxy port");
    }

    @ParameterizedTest
    @CsvSource({
        "ALWAYS, FAILURE, true",
        "SUCCESS, SUCCESS, true",
        "SUCCESS, UNSTABLE, false",
        "SUCCESS_OR_UNSTABLE, UNSTABLE, true",
        "SUCCESS_OR_UNSTABLE, FAILURE, false",
        "UNSTABLE_OR_WORSE, SUCCESS, false",
        "UNSTABLE_OR_WORSE, ABORTED, true",
        "FAILURE, FAILURE, true",
        "FAILURE, UNSTABLE, false",
        "ABORTED, ABORTED, true",
    })
    void triggerConditions(TriggerCondition condition, String result, boolean triggers) {
        assertThat(condition.matches(result)).isEqualTo(triggers);
    }

    @Test
    void noResultYetCountsAsSuccess() {
        assertThat(TriggerCondition.SUCCESS.matches(null)).isTrue();
        assertThat(TriggerCondition.FAILURE.matches(null)).isFalse();
    }

    @Test
    void buildFactsNameTheBuild() {
        assertThat(TriggerCondition.buildFacts("folder/job", 12, "https://ci/job/12/", "FAILURE"))
                .containsEntry("jenkins_job", "folder/job")
                .containsEntry("jenkins_build_number", "12")
                .containsEntry("jenkins_build_url", "https://ci/job/12/")
                .containsEntry("jenkins_build_result", "FAILURE");
    }

    @Test
    void durationsReadLikeALog() {
        assertThat(Durations.describe(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Durations.describe(Duration.ofSeconds(12))).isEqualTo("12 s");
        assertThat(Durations.describe(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(Durations.describe(Duration.ofMinutes(30))).isEqualTo("30 min");
        assertThat(Durations.describe(Duration.ofMinutes(62))).isEqualTo("1 h 2 min");
    }

    @Test
    void apiKeyNeverShowsItself() {
        ApiKey key = ApiKey.of("  sk-live-123  ");
        assertThat(key.toString()).doesNotContain("sk-live-123");
        assertThat(key.value()).isEqualTo("sk-live-123");
        assertThat(Redaction.redact("header was sk-live-123", key)).isEqualTo("header was ****");
        assertThatThrownBy(() -> ApiKey.of(" ")).hasMessage("apiKey: the API key is empty");
    }
}
