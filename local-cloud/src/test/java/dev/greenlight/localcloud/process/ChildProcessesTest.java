package dev.greenlight.localcloud.process;

import dev.greenlight.localcloud.Poll;
import dev.greenlight.localcloud.testapp.TestAppJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** No task process outlives the local cloud: not after close, and not after the local cloud is SIGKILLed. */
class ChildProcessesTest {

    @TempDir
    Path dir;

    @Test
    void close_stopsEveryChild() {
        ChildProcesses children = new ChildProcesses(dir);
        int port = FreePorts.pick();
        Process child = children.startJar(TestAppJar.get(), 64, Map.of("SERVER_PORT", String.valueOf(port)), dir.resolve("app.log"));
        Poll.until(Duration.ofSeconds(20), "the child to listen", () -> FreePorts.accepts(port));

        children.close();

        assertThat(child.isAlive()).isFalse();
        assertThat(FreePorts.accepts(port)).isFalse();
    }

    @Test
    void childrenExit_whenTheLocalCloudIsKilledWithSigkill() throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ParentThatGetsKilled.class.getName(),
                dir.toString(), TestAppJar.get().toString())
                .redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            childPid = Long.parseLong(out.readLine().trim());
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
            assertThat(child.isAlive()).isTrue();

            parent.destroyForcibly().waitFor();

            Poll.until(Duration.ofSeconds(15), "the orphaned child to exit", () -> !child.isAlive());
        } finally {
            parent.destroyForcibly();
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(childPid);
        assertThat(leftover.map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
    }

    /** A stand-in for the local cloud JVM: starts one task, prints its pid, then waits to be killed. */
    public static final class ParentThatGetsKilled {
        public static void main(String[] args) throws Exception {
            ChildProcesses children = new ChildProcesses(Path.of(args[0]));
            int port = FreePorts.pick();
            Process child = children.startJar(Path.of(args[1]), 64, Map.of("SERVER_PORT", String.valueOf(port)),
                    Path.of(args[0]).resolve("orphan.log"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!FreePorts.accepts(port) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            System.out.println(child.pid());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
