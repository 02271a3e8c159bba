package dev.greenlight.statemachine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI: runs a definition with stubs from files; exit 0 ok, 1 invalid definition or input, 2 execution failed. */
class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static final String GREETER = """
            {"StartAt": "Greet", "States": {"Greet": {"Type": "Task", "Resource": "${GreetFunctionArn}", "ResultPath": "$.greeting",
              "Retry": [{"ErrorEquals": ["Lambda.ServiceException"]}], "End": true}}}""";

    @Test
    void runsWithStubbedResultsAndPrintsTheOutput() throws Exception {
        int code = run("run", "--definition", file("m.asl.json", GREETER).toString(),
                "--input", file("in.json", "{\"who\": \"ann\"}").toString(),
                "--stubs", file("stubs.json", "{\"Greet\": [{\"error\": \"Lambda.ServiceException\", \"cause\": \"blip\"}, {\"output\": \"hello ann\"}]}").toString());

        assertThat(code).isEqualTo(Main.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo("{\"who\":\"ann\",\"greeting\":\"hello ann\"}");
    }

    @Test
    void printsTheHistoryWhenAsked() throws Exception {
        run("run", "--history", "--definition", file("m.asl.json", GREETER).toString(),
                "--stubs", file("stubs.json", "{\"Greet\": {\"output\": 1}}").toString());

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 ", "ExecutionStarted", "LambdaFunctionSucceeded", "ExecutionSucceeded");
    }

    @Test
    void aFailedExecutionExitsTwo() throws Exception {
        int code = run("run", "--definition", file("m.asl.json", GREETER).toString(),
                "--stubs", file("stubs.json", "{\"Greet\": {\"error\": \"NoSuchPerson\", \"cause\": \"who?\"}}").toString());

        assertThat(code).isEqualTo(Main.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED", "NoSuchPerson", "who?");
    }

    @Test
    void anInvalidDefinitionExitsOneAndListsEveryProblem() throws Exception {
        int code = run("run", "--definition", file("bad.asl.json",
                "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\"}, \"B\": {\"Type\": \"Pass\", \"End\": true}}}").toString());

        assertThat(code).isEqualTo(Main.INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/States/A: must have Next or End: true",
                "/States/B: is unreachable from StartAt 'A'");
    }

    @Test
    void invalidInputJsonExitsOne() throws Exception {
        int code = run("run", "--definition", file("m.asl.json", GREETER).toString(), "--input", file("in.json", "{oops").toString());

        assertThat(code).isEqualTo(Main.INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("input file", "not valid JSON");
    }

    @Test
    void aMissingFileExitsOneAndNamesIt() {
        int code = run("run", "--definition", dir.resolve("nope.asl.json").toString());

        assertThat(code).isEqualTo(Main.INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file", "nope.asl.json");
    }

    @Test
    void badArgumentsExitOneWithUsage() {
        assertThat(run("run")).isEqualTo(Main.INVALID);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--definition is required", "usage:");
    }

    @Test
    void runsTheRealReleaseDefinitionFromFiles() throws Exception {
        Path release = Path.of(System.getProperty("greenlight.root", "..")).resolve("statemachine/release.asl.json");
        int code = run("run", "--definition", release.toString(), "--input", file("event.json", "{\"detail\": {}}").toString(),
                "--stubs", file("stubs.json", "{\"Prepare\": {\"output\": {\"outcome\": \"NOOP\", \"reason\": \"already live\"}}}").toString());

        assertThat(code).isEqualTo(Main.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo("{\"outcome\":\"NOOP\",\"reason\":\"already live\"}");
    }
}
