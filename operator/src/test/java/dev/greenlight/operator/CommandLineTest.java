package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flags and input checks: every mistake is exit 1 with one line saying what to fix, before anything is sent. */
class CommandLineTest {

    @TempDir
    Path dir;
    private Map<String, String> env;
    private Path jar;

    @BeforeEach
    void noLocalSystem() throws Exception {
        env = new HashMap<>(Map.of("GREENLIGHT_STATE", dir.resolve(".greenlight").toString(),
                "GREENLIGHT_ROOT", dir.toString(), "USER", "ann"));
        jar = Files.writeString(dir.resolve("blog.jar"), "not really a jar");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            deploy                        | unknown command 'deploy' (commands: up, down, plan, push, status, watch, history, pause, resume, promote, abort, console, completion, help); see 'greenlight --help'
            --verbose                     | unknown flag --verbose; see 'greenlight --help'
            status --verbose              | unknown flag --verbose for status; see 'greenlight status --help'
            status now                    | unexpected argument now for status; see 'greenlight status --help'
            watch --release               | --release needs a value (watch --release ID)
            watch --release --once        | --release needs a value (watch --release ID)
            watch --once=yes              | --once takes no value (watch --once)
            history --limit               | --limit needs a value (history --limit N)
            history --limit 0             | --limit must be a whole number from 1 to 1000, not 0
            history --limit ten           | --limit must be a whole number from 1 to 1000, not ten
            pause --release a --release b | --release is given more than once; give it once
            abort --force                 | unknown flag --force for abort; see 'greenlight abort --help'
            help deploy                   | unknown subcommand 'deploy'; see 'greenlight --help'
            up                            | up is run by the ./greenlight script itself; run ./greenlight up
            plan --rate fast              | --rate must be requests a second, a number from 0 to 1000000, not fast
            plan --rate -5                | --rate must be requests a second, a number from 0 to 1000000, not -5
            plan --rate 1e9               | --rate must be requests a second, a number from 0 to 1000000, not 1e9
            plan --window 10              | --window must be whole seconds from 60 to 86400, not 10
            plan --steps 50,10            | --steps 50,10 must be percentages from 1 to 100, each larger than the one before, e.g. 10,50,100
            plan --bake 10,x              | --bake 10,x must be whole numbers separated by commas, but 'x' is not one
            plan --plan [1]               | --plan must be a JSON object of plan fields, e.g. '{"maxExtensionSeconds": 120}'
            plan --json --tag v2          | unknown flag --tag for plan; see 'greenlight plan --help'
            plan --aws                    | GREENLIGHT_PLAN_FUNCTION is not set; set it to the terraform output plan_function_arn (terraform -chdir=terraform output -raw plan_function_arn)
            plan --aws --window 5         | --window must be whole seconds from 60 to 86400, not 5
            console --port 70000          | --port must be between 0 and 65535 (0 picks a free port), not 70000
            console --open                | unknown flag --open for console; see 'greenlight console --help'
            console --aws                 | GREENLIGHT_STATE_MACHINE_ARN is not set; set it to the terraform output state_machine_arn (terraform -chdir=terraform output -raw state_machine_arn)
            """)
    void badFlags_exit1_withOneLine(String args, String message) {
        assertInvalid(CliRun.of(env, args.split(" ")), message);
    }

    @Test
    void console_refusesATokenACookieCouldNotCarry() {
        env.put("GREENLIGHT_CONSOLE_TOKEN", "short; Path=/");

        assertInvalid(CliRun.of(env, "console"), "GREENLIGHT_CONSOLE_TOKEN must be 16 to 512 letters, digits, - or _;"
                + " unset it to have the console generate one");
    }

    @Test
    void noCommand_exits1() {
        assertInvalid(CliRun.of(env), "no command given; see 'greenlight --help'");
    }

    @Test
    void operatorCommands_withoutTheLocalSystem_sayHowToStartIt() {
        for (String command : new String[] {"plan", "status", "watch", "history", "pause", "resume", "promote", "abort"}) {
            assertInvalid(CliRun.of(env, command), "the local system is not running; start it with ./greenlight up");
        }
    }

    @Test
    void aws_withoutTheStateMachineArn_namesTheVariable() {
        CliRun run = CliRun.of(env, "status", "--aws");

        assertInvalid(run, "GREENLIGHT_STATE_MACHINE_ARN is not set; set it to the terraform output state_machine_arn"
                + " (terraform -chdir=terraform output -raw state_machine_arn)");
    }

    @Test
    void aws_withAMalformedEndpoint_namesTheVariable() {
        env.put("GREENLIGHT_STATE_MACHINE_ARN", "arn:aws:states:eu-west-1:123456789012:stateMachine:greenlight-release");
        env.put("AWS_ENDPOINT_URL_SFN", "localhost");

        assertInvalid(CliRun.of(env, "history", "--aws"),
                "AWS_ENDPOINT_URL_SFN (or AWS_ENDPOINT_URL) is not a URL: localhost");
    }

    @Test
    void planOnAws_withAMalformedEndpoint_namesTheVariable() {
        env.put("GREENLIGHT_PLAN_FUNCTION", "arn:aws:lambda:eu-west-1:123456789012:function:greenlight-planInputs:live");
        env.put("AWS_ENDPOINT_URL_LAMBDA", "localhost");

        assertInvalid(CliRun.of(env, "plan", "--aws"), "AWS_ENDPOINT_URL_LAMBDA (or AWS_ENDPOINT_URL) is not a URL: localhost");
    }

    @Test
    void planOnAws_withNothingListening_saysItCannotReachLambda() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        env.put("GREENLIGHT_PLAN_FUNCTION", "arn:aws:lambda:eu-west-1:123456789012:function:greenlight-planInputs:live");
        env.put("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:" + closed);
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");

        CliRun run = CliRun.of(env, "plan", "--aws");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("greenlight: cannot reach AWS Lambda: ").doesNotContain("\tat ");
    }

    @Test
    void cloudJson_withoutAField_namesIt() throws Exception {
        Files.createDirectories(dir.resolve(".greenlight"));
        Files.writeString(dir.resolve(".greenlight/cloud.json"), "{\"region\": \"us-east-1\", \"service\": \"blog\"}");

        CliRun run = CliRun.of(env, "status");

        assertInvalid(run, dir.resolve(".greenlight/cloud.json") + " has no stateMachineArn; restart the local system"
                + " with ./greenlight down and ./greenlight up");
    }

    @Test
    void push_onAws_isRefused() {
        assertInvalid(CliRun.of(env, "push", "--aws", "--jar", jar.toString()),
                "on AWS, CodeBuild pushes images (buildspec.yaml); push is for the local cloud");
    }

    @Test
    void push_withoutTheDefaultJar_saysHowToBuildIt() {
        assertInvalid(CliRun.of(env, "push"), "no jar at " + dir.resolve("blog-web/target/blog-web.jar")
                + "; build it with ./mvnw -pl blog-web -am package -DskipTests, or pass --jar PATH");
    }

    @Test
    void push_ofADirectory_isRefused() {
        assertInvalid(CliRun.of(env, "push", "--jar", dir.toString()),
                dir + " is not a file; --jar needs the blog's executable jar");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --tag .hidden                      | --tag .hidden is not a valid image tag: letters, digits, _ . and -, not starting with . or -, at most 300 characters
            --tag v2/beta                      | --tag v2/beta is not a valid image tag: letters, digits, _ . and -, not starting with . or -, at most 300 characters
            --env 1ST=x                        | --env 1ST=x must be NAME=value, NAME of letters, digits and _, not starting with a digit
            --env GREETING                     | --env GREETING must be NAME=value, NAME of letters, digits and _, not starting with a digit
            --env A=1 --env A=2                | --env A is given twice
            --steps 50,10,100                  | --steps 50,10,100 must be percentages from 1 to 100, each larger than the one before, e.g. 10,50,100
            --steps 0,100                      | --steps 0,100 must be percentages from 1 to 100, each larger than the one before, e.g. 10,50,100
            --steps 10,50                      | --steps 10,50 must end at 100, so the release finishes with all traffic on green
            --steps 10,,100                    | --steps 10,,100 must be whole numbers separated by commas, but has an empty entry
            --steps ten                        | --steps ten must be whole numbers separated by commas, but 'ten' is not one
            --bake -5                          | --bake -5 must be seconds from 0 to 86400
            --bake 100000                      | --bake 100000 must be seconds from 0 to 86400
            --steps 10,100 --bake 30,30,30     | --bake gives 3 bakes but --steps has 2 steps; give one bake for all steps or one per step
            --tag v1 --tag v2                  | --tag is given more than once; give it once
            """)
    void push_withBadInput_exits1_beforeAnythingIsSent(String args, String message) {
        String[] command = ("push --jar " + jar + " " + args).split(" ");

        assertInvalid(CliRun.of(env, command), message);
    }

    @Test
    void push_ofAJarPathWithANulCharacter_isRefused() {
        assertInvalid(CliRun.of(env, "push", "--jar", "blog\u0000.jar"),
                "--jar blog\u0000.jar is not a path: Nul character not allowed");
    }

    @Test
    void push_withATagTooLongToRelease_isRefused() {
        assertInvalid(CliRun.of(env, "push", "--jar", jar.toString(), "--tag", "v".repeat(129)),
                "--tag is 129 characters; the release workflow only releases tags of at most 128");
    }

    @Test
    void push_withValidInput_butNoLocalSystem_saysHowToStartIt() {
        assertInvalid(CliRun.of(env, "push", "--jar", jar.toString(), "--tag", "v2", "--env", "GREETING=a=b",
                "--steps", "10,100", "--bake", "0,30"), "the local system is not running; start it with ./greenlight up");
    }

    private static void assertInvalid(CliRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(GreenlightCli.INVALID);
        assertThat(run.err()).isEqualTo("greenlight: " + message + "\n");
        assertThat(run.out()).isEmpty();
    }
}
