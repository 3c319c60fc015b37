package io.jenkins.plugins.blinkops.config;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.model.Sequence;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsTheConnections(JenkinsConfiguredWithCodeRule j) {
        List<BlinkConnection> connections = BlinkGlobalConfiguration.get().getConnections();

        assertThat(connections).extracting(BlinkConnection::getName).containsExactly("production", "lab");
        BlinkConnection production = connections.get(0);
        assertThat(production.getHostUrl()).isEqualTo("https://eu1.blinkops.com");
        assertThat(production.getCredentialsId()).isEqualTo("blink-key");
        assertThat(production.getDefaultWorkspaceId()).isEqualTo("ws-security");
        assertThat(production.getResponseTimeoutSeconds()).isEqualTo(45);
        assertThat(production.getMaxConcurrentRequests()).isEqualTo(4);
        assertThat(production.getRequestsPerSecond()).isEqualTo(5);
        assertThat(production.getConnectTimeoutSeconds()).isEqualTo(10);
        assertThat(production.isCallbackEnabled()).isTrue();
        assertThat(production.getCallbackUrl()).isEqualTo("https://jenkins.example.com/");
        BlinkConnection lab = connections.get(1);
        assertThat(lab.getDefaultWorkspaceId()).isNull();
        assertThat(lab.getResponseTimeoutSeconds()).isEqualTo(30);
        assertThat(lab.getRunLinkTemplate()).isEqualTo("{host}/runs/{executionId}");
        assertThat(production.getRunLinkTemplate()).as("blank: the default").isNull();
        assertThat(lab.getRequestsPerSecond()).as("the default").isEqualTo(10);
    }

    @Test
    void theReadmeShowsTheConfigurationTheseTestsImport() throws Exception {
        String imported;
        try (InputStream yaml = getClass().getResourceAsStream("configuration-as-code.yml")) {
            imported = new String(yaml.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
                .contains("```yaml\n" + imported + "```");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsWhatWasImported(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());

        Mapping blink = getUnclassifiedRoot(context).get("blink").asMapping();

        Sequence connections = blink.get("connections").asSequence();
        assertThat(connections).hasSize(2);
        Mapping production = connections.get(0).asMapping();
        assertThat(production.getScalarValue("name")).isEqualTo("production");
        assertThat(production.getScalarValue("hostUrl")).isEqualTo("https://eu1.blinkops.com");
        assertThat(production.getScalarValue("credentialsId")).isEqualTo("blink-key");
        assertThat(production.getScalarValue("defaultWorkspaceId")).isEqualTo("ws-security");
        assertThat(production.getScalarValue("responseTimeoutSeconds")).isEqualTo("45");
        assertThat(production.getScalarValue("callbackEnabled")).isEqualTo("true");
        assertThat(production.getScalarValue("callbackUrl")).isEqualTo("https://jenkins.example.com/");
        assertThat(connections.get(1).asMapping().getScalarValue("name")).isEqualTo("lab");
        assertThat(connections.get(1).asMapping().getScalarValue("runLinkTemplate"))
                .isEqualTo("{host}/runs/{executionId}");
    }
}
