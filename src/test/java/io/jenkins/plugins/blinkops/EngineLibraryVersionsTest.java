package io.jenkins.plugins.blinkops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The engine's own build ({@code blink-core/pom.xml}) names the versions of its libraries, and the
 * plugin gets the same libraries from the Jenkins API plugins that the BOM pins: the engine's tests
 * only vouch for the plugin while both are the same. This build is the one place where both are
 * known, so it compares them: a BOM update that brings another version fails here until the engine's
 * property follows.
 */
class EngineLibraryVersionsTest {
    private static final Path ENGINE_POM = Path.of("blink-core", "pom.xml");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "httpclient5.version, org.apache.httpcomponents.client5, httpclient5, apache-httpcomponents-client-5-api",
        "gson.version, com.google.code.gson, gson, gson-api"
    })
    void theEngineIsBuiltWithTheVersionThePluginShips(
            String property, String groupId, String artifactId, String apiPlugin) throws Exception {
        String shipped = versionOnTheClasspath(groupId, artifactId);

        assertThat(engineProperty(property))
                .as(
                        "%s in %s must be %s, the %s that the plugin ships through the %s plugin (as the BOM in"
                                + " pom.xml pins it): change the property, and run the engine's tests with it",
                        property, ENGINE_POM, shipped, artifactId, apiPlugin)
                .isEqualTo(shipped);
    }

    /** The version of the library jar the plugin's tests (and so the plugin in Jenkins) run on. */
    private static String versionOnTheClasspath(String groupId, String artifactId) throws IOException {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        URL url = EngineLibraryVersionsTest.class.getClassLoader().getResource(resource);
        assertThat(url)
                .as("%s:%s is on the plugin's classpath", groupId, artifactId)
                .isNotNull();
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        }
        return properties.getProperty("version");
    }

    private static String engineProperty(String name) throws Exception {
        Element project = DocumentBuilderFactory.newDefaultInstance()
                .newDocumentBuilder()
                .parse(ENGINE_POM.toFile())
                .getDocumentElement();
        NodeList properties = project.getElementsByTagName("properties");
        assertThat(properties.getLength())
                .as("%s has one <properties>", ENGINE_POM)
                .isEqualTo(1);
        NodeList values = ((Element) properties.item(0)).getElementsByTagName(name);
        assertThat(values.getLength()).as("%s defines <%s>", ENGINE_POM, name).isEqualTo(1);
        return values.item(0).getTextContent().trim();
    }
}
