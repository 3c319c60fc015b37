// The demo of `./mvnw hpi:run`, and nothing else: Jenkins runs this hook script only because the
// pom's hpi:run configuration points jenkins.util.groovy.GroovyHookScript.ROOT_PATH at src/demo/.
// A release holds neither this script nor the fake Blink (engine test code, compiled into
// target/test-classes), so a production Jenkins cannot start either.
import com.cloudbees.plugins.credentials.CredentialsProvider
import hudson.security.ACL
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration
import java.util.logging.Level
import java.util.logging.Logger
import jenkins.model.Jenkins
import org.jenkinsci.plugins.plaincredentials.StringCredentials

def log = Logger.getLogger('io.jenkins.plugins.blinkops.demo')
def jenkins = Jenkins.get()
def demo = new File(System.getProperty('jenkins.util.groovy.GroovyHookScript.ROOT_PATH')).canonicalFile
def fakeClasses = new File(demo, '../../target/test-classes')

// The fake answers where the connection from jenkins.yaml points, with the key of its credential:
// Configuration as Code is the one place that names them.
def connection = BlinkGlobalConfiguration.get().connections.find { it.name == 'demo' }
def key = CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials, jenkins, ACL.SYSTEM2, [])
        .find { it.id == connection?.credentialsId }
if (connection == null || key == null || !new File(fakeClasses, 'io/jenkins/plugins/blinkops/core/fake').isDirectory()) {
    log.logp(Level.SEVERE, 'blink-demo.groovy', null, "Blink demo not started: it needs the connection 'demo' and its credential from ${demo}/jenkins.yaml, "
            + "and the fake Blink compiled into ${fakeClasses.canonicalPath} (run ./mvnw hpi:run without -Dmaven.test.skip)")
    return
}
def loader = new URLClassLoader([fakeClasses.toURI().toURL()] as URL[], jenkins.pluginManager.getPlugin('blinkops').classLoader)
def server = loader.loadClass('io.jenkins.plugins.blinkops.core.fake.FakeBlinkMain')
        .startForDemo(new URI(connection.hostUrl).port, key.secret.plainText)
log.logp(Level.INFO, 'blink-demo.groovy', null, "Blink demo: a fake Blink answers on ${server.url()}; build blink-demo-freestyle, blink-demo-pipeline or blink-demo-approval")

// The jobs are created once: a later hpi:run keeps what the user changed in them.
new File(demo, 'jobs').listFiles().findAll { it.name.endsWith('.xml') }.sort().each { job ->
    String name = job.name - '.xml'
    if (jenkins.getItem(name) == null) {
        job.withInputStream { jenkins.createProjectFromXML(name, it) }
    }
}
