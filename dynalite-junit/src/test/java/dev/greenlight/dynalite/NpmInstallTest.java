package dev.greenlight.dynalite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build installs the npm packages itself, and says what to do when Node.js is missing. */
class NpmInstallTest {

    @Test
    void withoutNode_failsWithAClearMessage(@TempDir Path bin) throws Exception {
        for (String tool : new String[] {"dirname", "bash"}) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        Path script = Dynalite.repositoryRoot().resolve("tools/npm-install.sh");
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("bash").toString(), script.toString())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin.toString());

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("'node' is not on PATH").contains("Install Node.js");
    }

    @Test
    void afterTheBuild_dynaliteIsInstalledFromTheLockFile() throws Exception {
        Path root = Dynalite.repositoryRoot();
        String installed = Files.readString(root.resolve("node_modules/dynalite/package.json"));

        assertThat(installed).contains("\"version\": \"4.0.0\"");
        assertThat(Files.readString(root.resolve("package.json"))).contains("\"dynalite\": \"4.0.0\"");
    }
}
