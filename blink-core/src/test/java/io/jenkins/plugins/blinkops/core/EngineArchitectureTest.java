package io.jenkins.plugins.blinkops.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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

    /**
     * It builds and is tested with Maven Central alone, and the plugin only translates into it. The one
     * Jenkins type allowed is the mark that the plugin's build (not this one) writes on every public
     * engine class, {@code @Restricted(NoExternalUse.class)}, so that other plugins' builds refuse them.
     */
    @Test
    void noEngineClassUsesJenkins() {
        DescribedPredicate<JavaClass> markOfThePluginBuild = name("org.kohsuke.accmod.Restricted")
                .or(name("org.kohsuke.accmod.restrictions.NoExternalUse"))
                .forSubtype();
        noClasses()
                .should()
                .dependOnClassesThat(resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..")
                        .and(not(markOfThePluginBuild)))
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

    /**
     * Each package uses only those below it: log text at the bottom, then, side by side and blind to
     * each other, what a call targets and what Blink says about runs, then what a run returns,
     * reading JSON, the wire, Blink's wake-up, the API of one key, and running a build's workflow on top.
     */
    @Test
    void packagesUseOnlyThoseBelowThem() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("text")
                .definedBy("..core.text..")
                .layer("target")
                .definedBy("..core.target..")
                .layer("model")
                .definedBy("..core.model..")
                .layer("outputs")
                .definedBy("..core.outputs..")
                .layer("json")
                .definedBy("..core.json..")
                .layer("http")
                .definedBy("..core.http..")
                .layer("callback")
                .definedBy("..core.callback..")
                .layer("client")
                .definedBy("..core.client..")
                .layer("run")
                .definedBy("..core.run..")
                .whereLayer("run")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("client")
                .mayOnlyBeAccessedByLayers("run")
                .whereLayer("callback")
                .mayOnlyBeAccessedByLayers("client", "run")
                .whereLayer("http")
                .mayOnlyBeAccessedByLayers("callback", "client", "run")
                .whereLayer("json")
                .mayOnlyBeAccessedByLayers("http", "callback", "client", "run")
                .whereLayer("outputs")
                .mayOnlyBeAccessedByLayers("json", "http", "callback", "client", "run")
                .whereLayer("model")
                .mayOnlyBeAccessedByLayers("outputs", "json", "http", "callback", "client", "run")
                .whereLayer("target")
                .mayOnlyBeAccessedByLayers("outputs", "json", "http", "callback", "client", "run")
                .check(engine);
    }

    /** No two packages need each other: each can be read, and changed, from the bottom up. */
    @Test
    void packagesFormNoCycle() {
        slices().matching("io.jenkins.plugins.blinkops.core.(*)..")
                .should()
                .beFreeOfCycles()
                .check(engine);
    }
}
