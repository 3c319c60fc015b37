package io.jenkins.plugins.blinkops.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules that keep the engine an engine, checked on its compiled classes rather than trusted. */
class EngineArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.blinkops.core");
    }

    /** It builds and is tested with Maven Central alone, and the plugin only translates into it. */
    @Test
    void noEngineClassUsesJenkins() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..")
                .because("blink-core must build without the Jenkins Maven repository")
                .check(engine);
    }

    /** Output goes to the build log the caller passes, never to the controller's own streams. */
    @Test
    void noEngineClassWritesToTheProcessStreams() {
        noClasses()
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .orShould()
                .callMethod(Throwable.class, "printStackTrace")
                .because("what a run says belongs in its build log")
                .check(engine);
    }
}
