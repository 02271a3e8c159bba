package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dev.greenlight.deploy.hcl.Hcl;
import dev.greenlight.deploy.hcl.Module;
import dev.greenlight.deploy.hcl.References;

/** The Terraform is laid out as modules, every name it uses resolves, every input is typed and described. */
class TerraformStructureTest {

    static List<Path> moduleDirs() {
        List<Path> dirs = new ArrayList<>(List.of(Repo.TERRAFORM));
        try (Stream<Path> modules = Files.list(Repo.TERRAFORM.resolve("modules"))) {
            modules.filter(Files::isDirectory).sorted().forEach(dirs::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return dirs;
    }

    static List<Module> modules() {
        return moduleDirs().stream().map(Module::load).toList();
    }

    @Test
    void modules_haveTheStandardFiles() {
        assertThat(moduleDirs()).hasSizeGreaterThanOrEqualTo(4);
        for (Path dir : moduleDirs().subList(1, moduleDirs().size())) {
            for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md")) {
                assertThat(dir.resolve(file)).as("module %s", dir.getFileName()).exists();
            }
        }
    }

    @Test
    void rootModule_callsEveryModule() {
        Module root = Repo.terraformRoot();
        List<String> called = root.moduleCalls().values().stream()
                .map(call -> root.dir().resolve(((Hcl.Template) call.body().attribute("source")).literal()).normalize()
                        .getFileName().toString())
                .toList();
        List<String> present = moduleDirs().subList(1, moduleDirs().size()).stream()
                .map(d -> d.getFileName().toString()).toList();
        assertThat(called).containsExactlyInAnyOrderElementsOf(present);
    }

    @Test
    void everyReference_resolves() {
        for (Module module : modules()) {
            assertThat(References.unresolved(module)).as("unresolved references in %s", module.dir()).isEmpty();
        }
    }

    @Test
    void everyVariable_isTypedAndDescribed_andEveryOutputDescribed() {
        for (Module module : modules()) {
            assertThat(module.variables()).as("variables of %s", module.dir()).isNotEmpty();
            module.variables().values().forEach(v -> {
                assertThat(v.body().attributes()).as(v.where()).containsKeys("type", "description");
                assertThat(literal(v.body().attribute("description"))).as(v.where()).hasSizeGreaterThan(10);
            });
            module.outputs().values().forEach(o -> assertThat(o.body().attributes()).as(o.where())
                    .containsKeys("value", "description"));
        }
    }

    @Test
    void terraformAndProvider_versionsArePinnedInEveryModule() {
        for (Module module : modules()) {
            Hcl.Block terraform = module.blocks().stream().filter(b -> b.type().equals("terraform")).findFirst()
                    .orElseThrow(() -> new AssertionError("no terraform block in " + module.dir()));
            assertThat(literal(terraform.body().attribute("required_version"))).matches(">= 1\\.\\d+\\.\\d+, < 2\\.0\\.0");
            Hcl.ObjectExpr providers = (Hcl.ObjectExpr) terraform.body().block("required_providers").body().attribute("aws");
            assertThat(literal(providers.items().get("source"))).isEqualTo("hashicorp/aws");
            assertThat(literal(providers.items().get("version"))).matches("~> \\d+\\.\\d+");
        }
    }

    /** Regions come from the provider (data.aws_region); a literal region in a module would deploy half elsewhere. */
    @Test
    void noModule_namesARegion() throws IOException {
        Pattern region = Pattern.compile("\\b(us|eu|ap|sa|ca|me|af|il|mx)-(north|south|east|west|central|northeast|southeast|southwest|northwest)-\\d\\b");
        for (Path dir : moduleDirs()) {
            for (Path file : Module.tfFiles(dir)) {
                assertThat(region.matcher(Files.readString(file)).find()).as("a region literal in %s", file).isFalse();
            }
        }
        assertThat(Files.readString(Repo.TERRAFORM.resolve("providers.tf"))).contains("region = var.region");
    }

    @Test
    void exampleTfvars_setsEveryRequiredRootVariable_andOnlyDeclaredOnes() {
        Module root = Repo.terraformRoot();
        var tfvars = Hcl.parseFile(Repo.TERRAFORM.resolve("example.tfvars")).attributes().keySet();
        assertThat(root.variables().keySet()).containsAll(tfvars);
        root.variables().forEach((name, v) -> {
            if (!v.body().attributes().containsKey("default")) {
                assertThat(tfvars).as("example.tfvars sets required variable %s", name).contains(name);
            }
        });
    }

    /** A log group Terraform does not create would keep logs forever; every one here has a retention. */
    @Test
    void everyLogGroup_hasARetention_andEveryLogWriterUsesOne() {
        int groups = 0;
        for (Module module : modules()) {
            for (Hcl.Block group : module.resources("aws_cloudwatch_log_group")) {
                assertThat(group.body().attributes()).as(group.where()).containsKey("retention_in_days");
                groups++;
            }
        }
        assertThat(groups).as("blog, build, functions, state machine").isEqualTo(4);
        Module release = Module.load(Repo.TERRAFORM.resolve("modules/release"));
        assertThat(release.resource("aws_lambda_function", "step").body().block("logging_config").body()
                .attribute("log_group").text()).isEqualTo("aws_cloudwatch_log_group.function[each.key].name");
        Module registry = Module.load(Repo.TERRAFORM.resolve("modules/registry"));
        assertThat(registry.resource("aws_codebuild_project", "blog").body().block("logs_config").body()
                .block("cloudwatch_logs").body().attribute("group_name").text()).isEqualTo("aws_cloudwatch_log_group.build.name");
    }

    @Test
    void theCluster_hasContainerInsights_andRunsOnFargate() {
        Module cluster = Module.load(Repo.TERRAFORM.resolve("modules/cluster"));
        Hcl.Body setting = cluster.resource("aws_ecs_cluster", "this").body().block("setting").body();
        assertThat(literal(setting.attribute("name"))).isEqualTo("containerInsights");
        assertThat(literal(setting.attribute("value"))).isEqualTo("enabled");
        assertThat(cluster.resource("aws_ecs_cluster_capacity_providers", "this").body().attribute("capacity_providers").text())
                .isEqualTo("[\"FARGATE\"]");
    }

    static boolean terraformInstalled() {
        try {
            return new ProcessBuilder("terraform", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    @EnabledIf("terraformInstalled")
    void terraformFmt_isClean() throws Exception {
        Process fmt = new ProcessBuilder("terraform", "fmt", "-check", "-recursive", "-list=true", "terraform")
                .directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(fmt.getInputStream().readAllBytes());
        assertTrue(fmt.waitFor(60, TimeUnit.SECONDS));
        assertThat(fmt.exitValue()).as("terraform fmt -check: %s", output).isZero();
    }

    static String literal(Hcl.Expr expr) {
        if (expr instanceof Hcl.Template t && t.literal() != null) {
            return t.literal();
        }
        throw new AssertionError("expected a plain string, found " + expr.text());
    }
}
