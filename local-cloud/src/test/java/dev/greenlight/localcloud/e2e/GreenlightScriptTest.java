package dev.greenlight.localcloud.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./greenlight} refuses what it cannot do with a line saying what to fix, and a non-zero exit. */
class GreenlightScriptTest {

    @TempDir
    Path dir;

    @Test
    void up_withABadPort_saysWhatAPortIs() throws Exception {
        Greenlight.Result result = greenlight().run("up", "--port", "eighty");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("--port must be a number from 1 to 65535, not 'eighty'");
    }

    @Test
    void up_withAnUnknownOption_namesIt() throws Exception {
        Greenlight.Result result = greenlight().run("up", "--colour", "green");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("unknown option for up: --colour");
    }

    @Test
    void up_withATaskJavaHomeThatIsNone_saysSoInOneLine_andTheLocalSystemIsNotRunning() throws Exception {
        Greenlight greenlight = greenlight(Map.of("GREENLIGHT_TASK_JAVA_HOME", dir.resolve("no-java").toString()));
        try {
            Greenlight.Result result = greenlight.run("up", "--port", Integer.toString(greenlight.port));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err().strip()).doesNotContain("\n").startsWith("greenlight: the local cloud stopped during start: "
                    + "GREENLIGHT_TASK_JAVA_HOME=" + dir.resolve("no-java") + " is not a Java home").contains("local-cloud.log");
            assertThat(greenlight.run("status").err()).contains("the local system is not running");
        } finally {
            greenlight.down();
        }
    }

    @Test
    void up_withAPlanSettingThatIsNoNumber_namesItInOneLine() throws Exception {
        Greenlight greenlight = greenlight(Map.of("GREENLIGHT_PLAN_HEALTH_TIMEOUT_SECONDS", "soon"));
        try {
            Greenlight.Result result = greenlight.run("up", "--port", Integer.toString(greenlight.port));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err().strip()).doesNotContain("\n")
                    .startsWith("greenlight: the local cloud stopped during start: ").contains("soon");
        } finally {
            greenlight.down();
        }
    }

    @Test
    void anUnknownCommand_isNamed_inOneLine_withTheCommandsThereAre() throws Exception {
        Greenlight.Result result = greenlight().run("deploy");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("greenlight: unknown command 'deploy'")
                .contains("push", "see 'greenlight --help'");
    }

    @Test
    void help_listsTheScriptsOwnCommandsAndTheClis() throws Exception {
        Greenlight.Result help = greenlight().run("--help");
        Greenlight.Result up = greenlight().run("up", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).containsPattern("(?m)^  up +Build what is missing")
                .containsPattern("(?m)^  down +Stop everything").containsPattern("(?m)^  push +Publish a blog jar");
        assertThat(up.exitCode()).isZero();
        assertThat(up.out()).startsWith("Usage: greenlight up [-h] [--port=PORT]");
    }

    @Test
    void version_isTheClis() throws Exception {
        Greenlight.Result version = greenlight().run("--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).matches("greenlight \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    }

    @Test
    void operatorCommands_whenNothingRuns_sayHowToStartIt() throws Exception {
        Greenlight.Result result = greenlight().run("status");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("the local system is not running; start it with ./greenlight up");
    }

    @Test
    void down_whenNothingRuns_succeeds() throws Exception {
        assertThat(greenlight().run("down").exitCode()).isZero();
    }

    private Greenlight greenlight() throws Exception {
        return greenlight(Map.of());
    }

    private Greenlight greenlight(Map<String, String> environment) throws Exception {
        return new Greenlight(Files.createDirectories(dir.resolve("state")), environment);
    }
}
