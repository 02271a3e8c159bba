package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The help an operator reads: the commands, each command's flags, and the version. */
class HelpTest {

    private static final Map<String, String> ENV = Map.of("GREENLIGHT_STATE", "/nonexistent/.greenlight");

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void topLevelHelp_listsEveryCommand_theTargetsAndTheExitCodes(String help) {
        CliRun run = CliRun.of(ENV, help);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: greenlight [-hV] [COMMAND]\n")
                .contains("GREENLIGHT_STATE_MACHINE_ARN  required").contains("Exit codes: 0 ok; 1 invalid input");
        for (String command : new String[] {"up", "down", "push", "status", "watch", "history", "pause", "resume",
                "promote", "abort", "completion", "help"}) {
            assertThat(run.out()).as(command).containsPattern("(?m)^  " + command + " +[A-Z]\\w+ ");
        }
        assertThat(run.out()).isEqualTo(CliRun.of(ENV, "--help").out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            push       | --tag=T --jar=PATH --env=NAME=VALUE --steps=10,50,100 --bake=S[,S...] --plan=JSON --watch
            status     | --aws
            watch      | --aws --release=ID --once
            history    | --aws --limit=N
            pause      | --aws --release=ID
            resume     | --aws --release=ID
            promote    | --aws --release=ID
            abort      | --aws --release=ID
            up         | --port=PORT
            completion | --help
            """)
    void commandHelp_isTheSameByHelpAndByTheFlag_andListsTheCommandsFlags(String command, String flags) {
        CliRun flag = CliRun.of(ENV, command, "--help");
        CliRun help = CliRun.of(ENV, "help", command);

        assertThat(flag.exitCode()).isZero();
        assertThat(flag.err()).isEmpty();
        assertThat(flag.out()).startsWith("Usage: greenlight " + command + " [-h]").contains("-h, --help");
        for (String each : flags.split(" ")) {
            assertThat(flag.out()).contains(each);
        }
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).isEqualTo(flag.out());
    }

    @Test
    void pushHelp_doesNotOfferAws_whichPushRefuses() {
        assertThat(CliRun.of(ENV, "push", "--help").out()).doesNotContain("--aws");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void version_isTheProjectVersionTheBuildWroteIn(String flag) {
        CliRun run = CliRun.of(ENV, flag);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).matches("greenlight \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    }
}
