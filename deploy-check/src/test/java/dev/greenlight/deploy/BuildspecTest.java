package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.greenlight.deploy.hcl.Evaluator;
import dev.greenlight.deploy.hcl.Evaluator.Scope;
import dev.greenlight.deploy.hcl.Evaluator.Unknown;
import dev.greenlight.deploy.hcl.Hcl;

/** CodeBuild runs CI's tests, then builds and pushes the image under the commit's tag: the push releases it. */
class BuildspecTest {

    private final Map<String, Object> buildspec = new Yaml().load(Repo.read("buildspec.yaml"));
    private final Scope registry = Repo.rootScope().child("registry");

    @Test
    void theTests_areCIs_andTheReadmesCommand() {
        List<String> build = commands("build");
        assertThat(build.get(0)).isEqualTo(".ci/run");
        assertThat(Repo.path(".ci/run")).isExecutable();
        String ci = Repo.read(".ci/run");
        String ciCommand = ci.lines().filter(l -> l.startsWith("./mvnw")).reduce((a, b) -> b).orElseThrow();
        assertThat(ciCommand.replace(" -B", "")).isEqualTo("./mvnw verify");
        assertThat(Repo.read("README.md")).contains("./mvnw verify");
    }

    @Test
    void theImage_isTaggedWithTheCommit_neverLatest_andPushedOnlyAfterTheTests() {
        String text = Repo.read("buildspec.yaml");
        assertThat(text).doesNotContainIgnoringCase("latest");
        assertThat(commands("pre_build")).contains("IMAGE_TAG=\"${CODEBUILD_RESOLVED_SOURCE_VERSION:0:12}\"");
        String all = String.join("\n", commands("build"));
        assertThat(all).contains("--tag \"${REPOSITORY_URI}:${IMAGE_TAG}\" .").contains("docker push \"${REPOSITORY_URI}:${IMAGE_TAG}\"");
        assertThat(all.indexOf(".ci/run")).isLessThan(all.indexOf("docker build"));
        assertThat(all.indexOf("docker build")).isLessThan(all.indexOf("docker push"));
        assertThat((Object) ((Map<?, ?>) phases().get("build")).get("on-failure")).isEqualTo("ABORT");
        assertThat(phases().containsKey("post_build")).as("post_build runs even after a failed build").isFalse();
        assertThat(((List<?>) ((Map<?, ?>) buildspec.get("env")).get("exported-variables")).stream().map(String::valueOf).toList())
                .contains("IMAGE_TAG", "IMAGE_DIGEST");
    }

    @Test
    void theProject_buildsThisBuildspec_privileged_withTheRepositoryUri_onPushesToTheBranch() {
        Hcl.Body project = registry.module().resource("aws_codebuild_project", "blog").body();
        assertThat(Evaluator.eval(project.block("source").body().attribute("buildspec"), registry)).isEqualTo("buildspec.yaml");
        assertThat(Repo.path("buildspec.yaml")).exists();
        Hcl.Body environment = project.block("environment").body();
        assertThat(Evaluator.eval(environment.attribute("privileged_mode"), registry)).isEqualTo(true);
        Hcl.Body variable = environment.block("environment_variable").body();
        assertThat(Evaluator.eval(variable.attribute("name"), registry)).isEqualTo("REPOSITORY_URI");
        assertThat(Evaluator.eval(variable.attribute("value"), registry)).isEqualTo(new Unknown("aws_ecr_repository.blog.repository_url"));

        List<Object> filters = new ArrayList<>();
        registry.module().resource("aws_codebuild_webhook", "blog").body().block("filter_group").body().blocks("filter")
                .forEach(f -> filters.add(Evaluator.eval(f.body().attribute("pattern"), registry)));
        assertThat(filters).containsExactly("PUSH", "^refs/heads/main$");
    }

    @Test
    void theRepository_hasImmutableTags_scanOnPush_andALifecyclePolicy() {
        Hcl.Body repository = registry.module().resource("aws_ecr_repository", "blog").body();
        assertThat(Evaluator.eval(repository.attribute("image_tag_mutability"), registry)).isEqualTo("IMMUTABLE");
        assertThat(Evaluator.eval(repository.block("image_scanning_configuration").body().attribute("scan_on_push"), registry)).isEqualTo(true);
        String policy = (String) Evaluator.eval(registry.module().resource("aws_ecr_lifecycle_policy", "blog").body().attribute("policy"), registry);
        assertThat(policy).contains("\"countType\":\"imageCountMoreThan\"").contains("\"countNumber\":30");
    }

    private Map<?, ?> phases() {
        return (Map<?, ?>) buildspec.get("phases");
    }

    @SuppressWarnings("unchecked")
    private List<String> commands(String phase) {
        return ((List<String>) ((Map<?, ?>) phases().get(phase)).get("commands")).stream().map(String::strip).toList();
    }
}
