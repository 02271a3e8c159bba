package dev.greenlight.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.greenlight.deploy.Dockerfile.Instruction;
import dev.greenlight.deploy.Dockerfile.Stage;
import dev.greenlight.deploy.hcl.Evaluator;

/**
 * No Docker engine here, so the Dockerfile is checked for what would break its build or its start: paths and
 * modules that exist, the jar Maven really builds, the start command fast-start.sh documents, and a runtime
 * that is the JVM that trained the CDS archive.
 */
class DockerfileTest {

    private final Dockerfile dockerfile = Dockerfile.parse(Repo.read("Dockerfile"));

    @Test
    void everyCopiedPath_existsAndIsInTheBuildContext() throws IOException {
        List<String> sources = new ArrayList<>();
        for (Stage stage : dockerfile.stages()) {
            for (Instruction copy : stage.all("COPY")) {
                if (!copy.arguments().startsWith("--from")) {
                    List<String> parts = Arrays.asList(copy.arguments().split("\\s+"));
                    sources.addAll(parts.subList(0, parts.size() - 1));
                }
            }
        }
        assertThat(sources).isNotEmpty();
        DockerIgnore ignore = new DockerIgnore(Repo.read(".dockerignore"));
        for (String source : sources) {
            Path path = Repo.path(source);
            assertThat(path).as("COPY %s", source).exists();
            try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
                files.filter(Files::isRegularFile).forEach(file -> assertThat(ignore.excludes(Repo.ROOT.relativize(file).toString()))
                        .as(".dockerignore lets %s into the build context", Repo.ROOT.relativize(file)).isFalse());
            }
        }
        assertThat(ignore.excludes("blog-web/target/blog-web.jar")).isTrue();
        assertThat(ignore.excludes("node_modules/dynalite/package.json")).isTrue();
    }

    /** Maven loads every module of the reactor; the dependency layer needs all their POMs and no sources. */
    @Test
    void theDependencyLayer_hasEveryModulesPom_beforeAnySource() {
        Stage build = dockerfile.stage("build");
        List<String> copies = build.instructions().stream().takeWhile(i -> !i.keyword().equals("RUN"))
                .filter(i -> i.keyword().equals("COPY")).map(Instruction::arguments).toList();
        for (String module : modules()) {
            assertThat(copies).as("the POM of module %s", module).contains(module + "/pom.xml " + module + "/");
        }
        assertThat(copies).noneMatch(c -> c.contains("/src"));
        assertThat(build.instructions().stream().filter(i -> i.keyword().equals("RUN")).findFirst().orElseThrow().arguments())
                .contains("dependency:go-offline");
    }

    @Test
    void theBuild_packagesTheBlogModule_andCopiesTheJarMavenNamesIt() {
        Stage build = dockerfile.stage("build");
        String mvn = build.all("RUN").get(build.all("RUN").size() - 1).arguments();
        assertThat(mvn).startsWith("./mvnw ").contains("-pl blog-web -am", " package", "-DskipTests");
        assertThat(Repo.path("mvnw")).isExecutable();
        Matcher module = Pattern.compile("-pl (\\S+)").matcher(mvn);
        assertThat(module.find()).isTrue();
        assertThat(modules()).contains(module.group(1));

        // -Dexec.skip only makes sense if the root POM runs exec (its npm install, which needs Node.js)
        assertThat(mvn).contains("-Dexec.skip=true");
        assertThat(Repo.read("pom.xml")).contains("<artifactId>exec-maven-plugin</artifactId>").contains("<id>npm-install</id>");

        String finalName = ShadedJar.Pom.child((Element) ShadedJar.Pom.read(Repo.path("blog-web/pom.xml"))
                .getElementsByTagName("build").item(0), "finalName");
        String jar = "blog-web/target/" + finalName + ".jar";
        assertThat(dockerfile.stage("fast-start").all("COPY")).extracting(Instruction::arguments)
                .contains("--from=build /src/" + jar + " ./");
    }

    /** An AOT cache only maps into the JVM that wrote it: the training stage is the runtime image, Java 25. */
    @Test
    void theAotCache_isTrainedOnTheRuntimeJre() {
        Stage fastStart = dockerfile.stage("fast-start");
        assertThat(fastStart.from()).isEqualTo(dockerfile.last().from()).isEqualTo("${JRE_IMAGE}");
        assertThat(dockerfile.arg("JRE_IMAGE")).contains(":25-jre");
        assertThat(dockerfile.arg("JDK_IMAGE")).contains(":25-jdk");
        assertThat(dockerfile.stages()).hasSize(3);

        String script = Repo.read("tools/fast-start.sh");
        assertThat(script).contains("usage: tools/fast-start.sh BLOG_JAR DEST_DIR").contains("-XX:AOTCacheOutput=blog-web.aot")
                .contains("-XX:AOTCache=blog-web.aot");
        String run = fastStart.all("RUN").get(0).arguments();
        Matcher call = Pattern.compile("bash tools/fast-start\\.sh (\\S+) (\\S+)").matcher(run);
        assertThat(call.find()).as(run).isTrue();
        String destination = call.group(2);
        assertThat(dockerfile.last().all("WORKDIR")).extracting(Instruction::arguments).containsExactly(destination);
        assertThat(dockerfile.last().all("COPY")).extracting(Instruction::arguments)
                .containsExactly("--from=fast-start " + destination + "/ " + destination + "/");
    }

    @Test
    void theContainer_startsAsFastStartDocuments_asANonRootUser_onItsConfiguredPort() {
        Stage runtime = dockerfile.last();
        List<String> entrypoint = jsonArray(runtime.all("ENTRYPOINT").get(0).arguments());
        Matcher documented = Pattern.compile("Start it afterwards with:\\s+(java .*)").matcher(Repo.read("tools/fast-start.sh"));
        assertThat(documented.find()).isTrue();
        List<String> start = List.of(documented.group(1).strip().split("\\s+"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).isEqualTo(start.subList(start.size() - 2, start.size()));
        assertThat(entrypoint).containsAll(start);

        List<Instruction> users = runtime.all("USER");
        assertThat(users).hasSize(1);
        assertThat(users.get(0).arguments()).isNotIn("root", "0");
        assertThat(runtime.all("RUN")).extracting(Instruction::arguments).anyMatch(r -> r.contains("useradd") && r.contains(users.get(0).arguments()));

        var release = Repo.rootScope();
        String port = Evaluator.string(Evaluator.eval(release.module().variables().get("container_port").body().attribute("default"), release));
        assertThat(runtime.all("EXPOSE")).extracting(Instruction::arguments).containsExactly(port);
        assertThat(runtime.all("ENV")).extracting(Instruction::arguments).contains("SERVER_PORT=" + port);
    }

    /** SIGTERM reaches java (exec form); the blog drains within ECS's stop timeout. */
    @Test
    void theContainer_stopsGracefully_withinTheStopTimeout() {
        Stage runtime = dockerfile.last();
        assertThat(runtime.all("ENTRYPOINT").get(0).arguments()).startsWith("[");
        assertThat(runtime.all("STOPSIGNAL")).extracting(Instruction::arguments).containsExactly("SIGTERM");
        String blog = Repo.read("blog-web/src/main/resources/application.properties");
        assertThat(blog).contains("server.shutdown=graceful");
        Matcher drain = Pattern.compile("spring.lifecycle.timeout-per-shutdown-phase=(\\d+)s").matcher(blog);
        assertThat(drain.find()).isTrue();
        Matcher stop = Pattern.compile("\\.stopTimeout\\((\\d+)\\)").matcher(Repo.read(
                "release-lambdas/src/main/java/dev/greenlight/release/aws/Services.java"));
        assertThat(stop.find()).as("the task definition's stopTimeout").isTrue();
        assertThat(Integer.parseInt(drain.group(1))).isLessThan(Integer.parseInt(stop.group(1)));
    }

    static List<String> modules() {
        NodeList modules = ShadedJar.Pom.read(Repo.path("pom.xml")).getElementsByTagName("module");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            names.add(modules.item(i).getTextContent().trim());
        }
        return names;
    }

    private static List<String> jsonArray(String json) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json,
                new tools.jackson.core.type.TypeReference<List<String>>() { });
    }

    /** .dockerignore as Docker reads it: globs per line, later lines win, ! lets a path back in. */
    static final class DockerIgnore {
        private record Rule(PathMatcher matcher, boolean include) {
        }

        private final List<Rule> rules = new ArrayList<>();

        DockerIgnore(String text) {
            for (String line : text.split("\n")) {
                String rule = line.strip();
                if (rule.isEmpty() || rule.startsWith("#")) {
                    continue;
                }
                boolean include = rule.startsWith("!");
                String glob = (include ? rule.substring(1) : rule).replaceAll("/+$", "");
                rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + glob), include));
            }
        }

        boolean excludes(String relative) {
            boolean excluded = false;
            for (Rule rule : rules) {
                Path path = Path.of(relative);
                // a rule matching a directory applies to everything under it
                for (Path prefix = path; prefix != null; prefix = prefix.getParent()) {
                    if (rule.matcher().matches(prefix)) {
                        excluded = !rule.include();
                        break;
                    }
                }
            }
            return excluded;
        }
    }
}
