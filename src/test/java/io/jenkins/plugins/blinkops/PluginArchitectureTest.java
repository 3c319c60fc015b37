package io.jenkins.plugins.blinkops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.verb.POST;

/**
 * The layout of the Jenkins layer, checked on its compiled classes: which package may use which,
 * and that nothing is public API to other plugins by accident.
 */
class PluginArchitectureTest {
    private static final String[] JENKINS_LAYER = {
        "io.jenkins.plugins.blinkops.callback..",
        "io.jenkins.plugins.blinkops.config..",
        "io.jenkins.plugins.blinkops.call..",
        "io.jenkins.plugins.blinkops.freestyle..",
        "io.jenkins.plugins.blinkops.steps.."
    };

    private static JavaClasses plugin;

    @BeforeAll
    static void importPlugin() {
        plugin = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.blinkops");
    }

    /**
     * From the bottom up: Blink's callback endpoint, the administrator's configuration, the workflow
     * call every entry point shares, then the entry points. The Pipeline steps sit above the freestyle
     * ones only because they show the freestyle step's help of the fields both have (written once).
     */
    @Test
    void packagesUseOnlyThoseBelowThem() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("callback")
                .definedBy(JENKINS_LAYER[0])
                .layer("config")
                .definedBy(JENKINS_LAYER[1])
                .layer("call")
                .definedBy(JENKINS_LAYER[2])
                .layer("freestyle")
                .definedBy(JENKINS_LAYER[3])
                .layer("steps")
                .definedBy(JENKINS_LAYER[4])
                .whereLayer("steps")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("freestyle")
                .mayOnlyBeAccessedByLayers("steps")
                .whereLayer("call")
                .mayOnlyBeAccessedByLayers("freestyle", "steps")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("call", "freestyle", "steps")
                .whereLayer("callback")
                .mayOnlyBeAccessedByLayers("config", "call", "freestyle", "steps")
                .check(plugin);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.jenkins.plugins.blinkops.(*)..")
                .should()
                .beFreeOfCycles()
                .check(plugin);
    }

    /**
     * The fake Blink of the demo ({@code ./mvnw hpi:run}) is compiled into {@code target/test-classes}
     * (see {@code pom.xml}), never among the classes that the .hpi packs.
     */
    @Test
    void theFakeBlinkIsNoPartOfThePlugin() {
        noClasses()
                .should()
                .resideInAPackage("io.jenkins.plugins.blinkops.core.fake..")
                .check(plugin);
    }

    /** The engine only ever learns of Jenkins through the plain types the layer hands it. */
    @Test
    void theEngineUsesNoClassOfTheJenkinsLayer() {
        noClasses()
                .that()
                .resideInAPackage("io.jenkins.plugins.blinkops.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(JENKINS_LAYER)
                .check(plugin);
    }

    /**
     * Other plugins' builds refuse to compile against the engine either: the plugin's build compiles
     * the engine's sources with {@code @Restricted(NoExternalUse.class)} written on each public type
     * ({@code mark-engine-internal} in {@code pom.xml}), which blink-core's own build cannot have.
     */
    @Test
    void noEngineClassIsApiForOtherPlugins() {
        classes()
                .that()
                .resideInAPackage("io.jenkins.plugins.blinkops.core..")
                .and()
                .areTopLevelClasses()
                .and()
                .haveModifier(JavaModifier.PUBLIC)
                .should()
                .beAnnotatedWith(NO_EXTERNAL_USE)
                .check(plugin);
    }

    private static final DescribedPredicate<JavaAnnotation<?>> NO_EXTERNAL_USE = DescribedPredicate.describe(
            "@Restricted(NoExternalUse.class)",
            annotation -> annotation.getRawType().isEquivalentTo(Restricted.class)
                    && annotation.get("value").map(value -> List.of((Object[]) value)).orElse(List.of()).stream()
                            .anyMatch(kind -> ((JavaClass) kind).isEquivalentTo(NoExternalUse.class)));

    /** Other plugins' builds refuse to compile against a class of the Jenkins layer. */
    @Test
    void noClassOfTheJenkinsLayerIsApiForOtherPlugins() {
        classes()
                .that()
                .resideInAnyPackage(JENKINS_LAYER)
                .or()
                .resideInAPackage("io.jenkins.plugins.blinkops")
                .and()
                .areTopLevelClasses()
                .and()
                .haveModifier(JavaModifier.PUBLIC)
                .should()
                .beAnnotatedWith(Restricted.class)
                .check(plugin);
    }

    /**
     * Every form method (a check, a list, Test connection) answers POST only: a GET from a link in a
     * mail or another site must not make Jenkins call Blink with a key. Who may call each is
     * checked where it runs (FormSecurityTest, BlinkGlobalConfigurationTest).
     */
    @Test
    void everyFormMethodAnswersPostOnly() {
        methods()
                .that()
                .arePublic()
                .and()
                .haveNameMatching("do(Check|Fill|Test)[A-Z].*")
                .should()
                .beAnnotatedWith(POST.class)
                .check(plugin);
    }
}
