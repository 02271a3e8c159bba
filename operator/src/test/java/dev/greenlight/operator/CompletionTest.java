package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script {@code completion} prints, loaded into bash and asked to complete as bash asks it on a TAB. */
class CompletionTest {

    @TempDir
    Path dir;
    private Path script;

    @BeforeEach
    void printTheScript() throws IOException {
        CliRun run = CliRun.of(Map.of(), "completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        script = Files.writeString(dir.resolve("greenlight.bash"), run.out());
    }

    @Test
    void completesTheCommands_includingTheScriptsOwn() throws Exception {
        assertThat(complete("greenlight", "")).containsExactly("up", "down", "plan", "push", "status", "watch", "history",
                "pause", "resume", "promote", "abort", "console", "completion", "help");
        assertThat(complete("./greenlight", "pr")).containsExactly("promote");
        assertThat(complete("./greenlight", "pl")).containsExactly("plan");
    }

    @Test
    void completesACommandsFlags() throws Exception {
        assertThat(complete("greenlight", "push", "--st")).containsExactly("--steps");
        assertThat(complete("greenlight", "history", "--")).contains("--aws", "--limit", "--help");
        assertThat(complete("greenlight", "up", "--")).contains("--port");
    }

    /** What bash offers for the last of {@code words}, the command line being typed, through the registered function. */
    private List<String> complete(String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", """
                source "$1"; shift
                COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                function=$(complete -p greenlight | sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p')
                "$function" 2>/dev/null
                printf '%s\\n' "${COMPREPLY[@]}"
                """, "bash", script.toString()));
        command.addAll(List.of(words));
        Process bash = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String offered = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return offered.lines().filter(line -> !line.isEmpty()).toList();
    }
}
