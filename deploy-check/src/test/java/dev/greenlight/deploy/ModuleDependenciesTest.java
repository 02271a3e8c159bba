package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * The modules' dependency rule, on their compiled main classes: the blog, the release model and the ASL engine stand
 * alone; the release functions and the operator tools use the release model and no other module (not each other,
 * not the engine, not the local cloud). Only the local cloud may use them all. A class can reach more than its
 * module's declared dependencies, through transitive ones; this checks what the classes actually use.
 */
class ModuleDependenciesTest {

    private static final List<String> MODULES = List.of("blog-web", "dynalite-junit", "release-model",
            "statemachine", "release-lambdas", "operator", "local-cloud");
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    @Test
    void theBlog_dependsOnNoOtherModule() {
        assertDependsOnlyOn("blog-web");
    }

    @Test
    void theReleaseModel_dependsOnNoOtherModule() {
        assertDependsOnlyOn("release-model");
    }

    @Test
    void theEngine_dependsOnNoOtherModule() {
        assertDependsOnlyOn("statemachine");
    }

    @Test
    void theReleaseFunctions_dependOnTheReleaseModelOnly() {
        assertDependsOnlyOn("release-lambdas", "release-model");
    }

    @Test
    void theOperatorTools_dependOnTheReleaseModelOnly() {
        assertDependsOnlyOn("operator", "release-model");
    }

    @Test
    void theRule_reportsADependencyThatIsThere() {
        // the local cloud runs the engine: a rule forbidding that must fail, naming a class that breaks it
        EvaluationResult result = noDependencyOn(List.of("statemachine")).evaluate(classesOf("local-cloud"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("dev.greenlight.localcloud")
                && line.contains("dev.greenlight.statemachine"));
    }

    /** No main class of {@code module} uses a class of any other module but {@code allowed}. */
    private static void assertDependsOnlyOn(String module, String... allowed) {
        JavaClasses classes = classesOf(module);
        assertThat(classes).as("classes of %s", module).isNotEmpty();
        List<String> forbidden = MODULES.stream()
                .filter(other -> !other.equals(module) && !List.of(allowed).contains(other)).toList();
        ArchRule rule = noDependencyOn(forbidden);

        assertThat(rule.evaluate(classes).getFailureReport().getDetails()).as("%s: %s", module, rule.getDescription())
                .isEmpty();
    }

    private static ArchRule noDependencyOn(List<String> modules) {
        Set<String> names = modules.stream().flatMap(module -> classesOf(module).stream()).map(JavaClass::getName)
                .collect(Collectors.toSet());
        return ArchRuleDefinition.noClasses().should().dependOnClassesThat(DescribedPredicate.describe(
                "belong to " + modules, (JavaClass target) -> names.contains(target.getName())));
    }

    /** A module's main classes, imported once for all the rules. */
    private static JavaClasses classesOf(String module) {
        return IMPORTED.computeIfAbsent(module, name -> {
            Path classes = Repo.path(name).resolve("target/classes");
            assertThat(Files.isDirectory(classes)).as("%s is compiled (the reactor builds it before this module)",
                    classes).isTrue();
            return new ClassFileImporter().importPath(classes);
        });
    }
}
