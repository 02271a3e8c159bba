package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The modules' dependency rule, on their compiled main classes: the blog and the release model stand alone; the
 * release functions, the ASL engine and the operator tools know nothing of each other or of the local cloud. Maven's dependencies allow less than a class can
 * reach through a transitive dependency; this checks what the classes actually use.
 */
class ModuleDependenciesTest {

    private static final List<String> MODULES = List.of("blog-web", "dynalite-junit", "release-model",
            "statemachine", "release-lambdas", "operator", "local-cloud");

    @Test
    void theBlog_dependsOnNoOtherModule() {
        assertFollowed("blog-web", MODULES);
    }

    @Test
    void theReleaseModel_dependsOnNoOtherModule() {
        assertFollowed("release-model", MODULES);
    }

    @Test
    void theReleaseFunctions_dependOnNeitherTheEngineNorTheLocalCloud() {
        assertFollowed("release-lambdas", List.of("statemachine", "operator", "local-cloud", "blog-web"));
    }

    @Test
    void theEngine_dependsOnNeitherTheReleaseFunctionsNorTheLocalCloud() {
        assertFollowed("statemachine", List.of("release-lambdas", "operator", "local-cloud", "blog-web"));
    }

    @Test
    void theOperatorTools_dependOnTheReleaseModelOnly() {
        assertFollowed("operator", List.of("release-lambdas", "statemachine", "local-cloud", "blog-web"));
    }

    @Test
    void theRule_reportsADependencyThatIsThere() {
        // the local cloud runs the engine: a rule forbidding that must fail, naming a class that breaks it
        EvaluationResult result = noDependencyOn(List.of("statemachine")).evaluate(classesOf("local-cloud"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("dev.greenlight.localcloud")
                && line.contains("dev.greenlight.statemachine"));
    }

    private static void assertFollowed(String module, List<String> forbidden) {
        JavaClasses classes = classesOf(module);
        assertThat(classes).as("classes of %s", module).isNotEmpty();
        ArchRule rule = noDependencyOn(forbidden.stream().filter(other -> !other.equals(module)).toList());

        assertThat(rule.evaluate(classes).getFailureReport().getDetails()).as("%s: %s", module, rule.getDescription())
                .isEmpty();
    }

    private static ArchRule noDependencyOn(List<String> modules) {
        Set<String> names = modules.stream().flatMap(module -> classesOf(module).stream()).map(JavaClass::getName)
                .collect(Collectors.toSet());
        return ArchRuleDefinition.noClasses().should().dependOnClassesThat(DescribedPredicate.describe(
                "belong to " + modules, (JavaClass target) -> names.contains(target.getName())));
    }

    private static JavaClasses classesOf(String module) {
        Path classes = Repo.path(module).resolve("target/classes");
        assertThat(classes).as("%s is compiled (the reactor builds it before this module)", module)
                .satisfies(dir -> assertThat(Files.isDirectory(dir)).isTrue());
        return new ClassFileImporter().importPath(classes);
    }
}
