package dev.greenlight.localcloud.process;

import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.localcloud.Poll;
import dev.greenlight.localcloud.testapp.TestAppJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local tasks start the way the container image does: the blog jar, prepared by tools/fast-start.sh on the task
 * JVM, starts from its extracted directory with the classes the training run recorded, and a JVM started as the
 * tasks are really uses them (it is told to fail rather than start without).
 */
class FastStartsTest {

    private static final Path BLOG_JAR = Path.of(System.getProperty("greenlight.root", ".."), "blog-web", "target", "blog-web.jar");

    @TempDir
    Path dir;

    @Test
    void theBlogJar_isPrepared_andATaskJvmStartedAsTheTasksAreUsesTheRecordedClasses() throws Exception {
        assertThat(BLOG_JAR).as("blog-web.jar, packaged by the reactor before this module").isRegularFile();
        TaskJvm jvm = TaskJvm.find();
        Path root = LocalCloud.Config.FAST_START_DIR;
        try (ChildProcesses children = new ChildProcesses(dir.resolve("run"), jvm, root)) {
            Optional<FastStarts.Prepared> prepared = children.prepare(BLOG_JAR).get(5, TimeUnit.MINUTES);

            assertThat(prepared).as("the blog jar prepared on Java %d", jvm.feature()).isPresent();
            FastStarts.Prepared fast = prepared.orElseThrow();
            assertThat(fast.directory()).isEqualTo(FastStarts.directory(root, jvm, BLOG_JAR));
            assertThat(fast.jar()).isRegularFile();
            String recorded = jvm.feature() >= TaskJvm.AOT_CACHE ? "-XX:AOTCache=blog-web.aot" : "-XX:SharedArchiveFile=blog-web.jsa";
            assertThat(fast.jvmOptions()).contains("-Dspring.aot.enabled=true", recorded);

            // the JVM refuses to start if it cannot use what was recorded
            List<String> strict = new ArrayList<>(List.of(jvm.java().toString(), "-javaagent:" + root.resolve("orphan-guard.jar")));
            strict.addAll(fast.jvmOptions());
            strict.add(jvm.feature() >= TaskJvm.AOT_CACHE ? "-XX:AOTMode=on" : "-Xshare:on");
            strict.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", "blog-web.jar"));
            ProcessBuilder check = new ProcessBuilder(strict).directory(fast.directory().toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("strict.log").toFile());
            check.environment().put("BLOG_SESSION_SECRET", "a-test-secret-that-signs-nothing-at-all");
            check.environment().put("BLOG_DYNAMODB_REGION", "us-east-1");
            Process strictRun = check.start();
            assertThat(strictRun.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(strictRun.exitValue()).as(Files.readString(dir.resolve("strict.log"))).isZero();

            int port = FreePorts.pick();
            Process task = children.startJar(BLOG_JAR, 256, Map.of("SERVER_PORT", String.valueOf(port),
                    "BLOG_SESSION_SECRET", "a-test-secret-that-signs-nothing-at-all", "BLOG_DYNAMODB_REGION", "us-east-1",
                    "BLOG_DYNAMODB_ENDPOINT", "http://127.0.0.1:1"), dir.resolve("task.log"));
            Poll.until(Duration.ofSeconds(60), "the prepared blog to listen", () -> FreePorts.accepts(port) || !task.isAlive());
            assertThat(FreePorts.accepts(port)).as(Files.readString(dir.resolve("task.log"))).isTrue();
            assertThat(task.info().command()).contains(jvm.java().toString());
            assertThat(task.info().arguments().map(List::of).orElseThrow())
                    .contains(recorded, "-javaagent:" + root.resolve("orphan-guard.jar"))
                    .endsWith("-jar", fast.jar().toString());
        }
    }

    @Test
    void aJarThatIsNotASpringBootJar_startsAsAPlainJavaJar() throws Exception {
        TaskJvm jvm = TaskJvm.find();
        try (ChildProcesses children = new ChildProcesses(dir.resolve("run"), jvm, dir.resolve("fast"))) {
            assertThat(children.prepare(TestAppJar.get()).get(1, TimeUnit.MINUTES)).isEmpty();

            int port = FreePorts.pick();
            Process task = children.startJar(TestAppJar.get(), 64, Map.of("SERVER_PORT", String.valueOf(port)), dir.resolve("app.log"));
            Poll.until(Duration.ofSeconds(20), "the test app to listen", () -> FreePorts.accepts(port));
            assertThat(task.info().arguments().map(List::of).orElseThrow()).endsWith("-jar", TestAppJar.get().toString());
            assertThat(dir.resolve("fast").resolve("java-" + jvm.feature())).doesNotExist();
        }
    }

    @Test
    void theTaskJvm_isTheNewestJava25OrLaterInstalled_readFromItsReleaseFile() throws Exception {
        Path jvms = dir.resolve("jvm");
        fakeJavaHome(jvms.resolve("jdk-17"), "17.0.15");
        fakeJavaHome(jvms.resolve("jdk-25"), "25.0.3");
        Files.createDirectories(jvms.resolve("not-a-jdk"));

        assertThat(TaskJvm.installed(jvms)).extracting(TaskJvm::feature).containsExactlyInAnyOrder(17, 25);
        assertThat(TaskJvm.at(jvms.resolve("jdk-25"))).contains(new TaskJvm(jvms.resolve("jdk-25"), 25));
        assertThat(TaskJvm.at(jvms.resolve("not-a-jdk"))).isEmpty();
        assertThat(TaskJvm.installed(dir.resolve("absent"))).isEmpty();
    }

    private static void fakeJavaHome(Path home, String version) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin").resolve("java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    }
}
