package io.jenkins.plugins.blinkops.config;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import io.jenkins.plugins.blinkops.core.http.ProxySettings;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Blink is reached through Jenkins' proxy exactly as Jenkins reaches everything else. */
@WithJenkins
class JenkinsProxyTest {
    private JenkinsRule j;

    @BeforeEach
    void start(JenkinsRule rule) {
        j = rule;
    }

    @Test
    void noProxyHostsAreMatchedWithJenkinsOwnPatterns() {
        String noProxy = "*.internal|localhost\n10.0.*, a.example;b.example";
        j.jenkins.setProxy(new ProxyConfiguration("proxy.corp", 3128, null, null, noProxy));

        ProxySettings settings = JenkinsProxy.current();

        for (String host : List.of(
                "blink.internal",
                "localhost",
                "LOCALHOST",
                "10.0.3.4",
                "10.1.3.4",
                "a.example",
                "b.example",
                "a.example;b.example",
                "app.blinkops.com",
                "blink.internal.evil.com")) {
            boolean jenkinsBypasses = ProxyConfiguration.getNoProxyHostPatterns(noProxy).stream()
                    .anyMatch(p -> p.matcher(host).matches());
            assertThat(settings.bypasses(host)).as(host).isEqualTo(jenkinsBypasses);
        }
        assertThat(settings.bypasses("blink.internal")).isTrue();
        assertThat(settings.bypasses("app.blinkops.com")).isFalse();
    }

    @Test
    void noProxyConfiguredMeansDirect() {
        assertThat(JenkinsProxy.current()).isNull();
    }
}
