package dev.greenlight.statemachine.release;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.greenlight.statemachine.definition.Placeholders;

import static org.assertj.core.api.Assertions.assertThat;

/** An independent check of release.asl.json by the npm package asl-validator, run with node. */
class AslValidatorTest {

    private static final Path ROOT = ReleaseHarness.root();
    private static final Path VALIDATOR = ROOT.resolve("node_modules/asl-validator/dist/bin/asl-validator.js");

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome validate(Path definition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", VALIDATOR.toString(), "--json-path", definition.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("asl-validator finished").isTrue();
        return new Outcome(process.exitValue(), output);
    }

    @Test
    void acceptsTheReleaseDefinitionAsWritten() throws Exception {
        Outcome outcome = validate(ROOT.resolve("statemachine/release.asl.json"));

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("is valid");
    }

    @Test
    void acceptsTheReleaseDefinitionWithRealFunctionArns() throws Exception {
        String template = ReleaseHarness.releaseDefinitionText();
        Map<String, String> arns = new TreeMap<>();
        Placeholders.names(template).forEach(name -> arns.put(name,
                "arn:aws:lambda:eu-west-1:123456789012:function:greenlight-" + name.replace("FunctionArn", "").toLowerCase()));
        Path filled = Files.createTempFile("release-filled", ".asl.json");
        Files.writeString(filled, Placeholders.fill(template, arns));

        Outcome outcome = validate(filled);

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    }

    @Test
    void rejectsABrokenDefinition_soTheCheckCanFail() throws Exception {
        Path broken = Files.createTempFile("broken", ".asl.json");
        Files.writeString(broken, ReleaseHarness.releaseDefinitionText().replace("\"Next\": \"Deploy green\"", "\"Next\": 42"));

        Outcome outcome = validate(broken);

        assertThat(outcome.exitCode()).isNotZero();
    }

    @Test
    void knowsWorkflowVariables_acceptingAssignAndReferences_rejectingAVariableAsResultPath() throws Exception {
        String definition = """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"x": 1, "y.$": "$.y"}, %s"Next": "B"},
                  "B": {"Type": "Choice", "Choices": [{"Variable": "$x", "NumericEqualsPath": "$y", "Assign": {"z": 1}, "Next": "C"}],
                        "Default": "C", "Assign": {"z": 2}},
                  "C": {"Type": "Wait", "SecondsPath": "$x", "End": true}}}""";
        Path valid = Files.createTempFile("variables", ".asl.json");
        Files.writeString(valid, definition.formatted(""));
        Path invalid = Files.createTempFile("variable-result-path", ".asl.json");
        Files.writeString(invalid, definition.formatted("\"ResultPath\": \"$x\", "));

        Outcome accepted = validate(valid);
        Outcome rejected = validate(invalid);

        assertThat(accepted.exitCode()).as(accepted.output()).isZero();
        assertThat(rejected.exitCode()).isNotZero();
        assertThat(rejected.output()).contains("/States/A/ResultPath");
    }
}
