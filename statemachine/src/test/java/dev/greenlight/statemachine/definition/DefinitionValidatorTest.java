package dev.greenlight.statemachine.definition;

import dev.greenlight.statemachine.engine.StateMachine;
import dev.greenlight.statemachine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation on load: everything AWS would reject, every problem reported at once. */
class DefinitionValidatorTest {

    private static List<String> problems(String definition) {
        return DefinitionValidator.validate(Json.parse(definition));
    }

    @Test
    void aValidDefinitionHasNoProblems() {
        assertThat(problems("""
                {"Comment": "ok", "StartAt": "A", "TimeoutSeconds": 60, "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Next": "B",
                        "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 1, "MaxAttempts": 0, "BackoffRate": 1.0,
                                   "MaxDelaySeconds": 5, "JitterStrategy": "NONE"}, {"ErrorEquals": ["States.ALL"]}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "B"}]},
                  "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEqualsPath": "$.y", "Next": "C"}], "Default": "C"},
                  "C": {"Type": "Parallel", "Branches": [{"StartAt": "D", "States": {"D": {"Type": "Pass", "End": true}}}], "Next": "E"},
                  "E": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "F",
                        "States": {"F": {"Type": "Succeed"}}}, "Next": "G"},
                  "G": {"Type": "Wait", "Timestamp": "2026-01-01T00:00:00Z", "Next": "H"},
                  "H": {"Type": "Fail", "Error": "X", "Cause": "Y"}}}""")).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> problems = problems("""
                {"StartAt": "Start", "Bogus": 1, "States": {
                  "Start": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Nxt": "Next one"},
                  "Lost": {"Type": "Pass", "End": true},
                  "Jump": {"Type": "Pass", "Next": "Nowhere"},
                  "Bad path": {"Type": "Pass", "InputPath": "foo", "ResultPath": "$.a[*]", "End": true},
                  "Bad retry": {"Type": "Task", "Resource": "r", "End": true,
                                "Retry": [{"ErrorEquals": ["States.ALL", "E"], "BackoffRate": 0.5, "JitterStrategy": "SOME"},
                                          {"ErrorEquals": []}]},
                  "Two ops": {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEquals": "x", "NumericEquals": 1, "Next": "Lost"}]},
                  "Two waits": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true},
                  "Odd": {"Type": "Nonsense"},
                  "Both": {"Type": "Pass", "Next": "Lost", "End": true}}}""");

        assertThat(problems).contains(
                "/Bogus: is not a known field here",
                "/States/Start/Nxt: is not a field of a Task state",
                "/States/Start: must have Next or End: true",
                "/States/Jump/Next: state 'Nowhere' does not exist in this scope",
                "/States/Lost: is unreachable from StartAt 'Start'",
                "/States/Bad retry/Retry/0/ErrorEquals: States.ALL must appear alone",
                "/States/Bad retry/Retry/0/ErrorEquals: States.ALL must be in the last retrier or catcher",
                "/States/Bad retry/Retry/0/BackoffRate: must be a number greater than or equal to 1.0",
                "/States/Bad retry/Retry/0/JitterStrategy: must be FULL or NONE",
                "/States/Bad retry/Retry/1/ErrorEquals: is required and must list at least one error name",
                "/States/Two waits: must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath",
                "/States/Odd/Type: must be one of Task, Pass, Wait, Choice, Succeed, Fail, Parallel, Map",
                "/States/Both: must not have both Next and End");
        assertThat(problems).anyMatch(p -> p.startsWith("/States/Bad path/InputPath: invalid JSONPath 'foo'"));
        assertThat(problems).contains("/States/Bad path/ResultPath: must be a Reference Path (names and single indexes only)");
        assertThat(problems).anyMatch(p -> p.startsWith("/States/Two ops/Choices/0: must have exactly one comparison operator"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
            "{\"StartAt\": \"Missing\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
            "{\"StartAt\": \"A\", \"States\": {}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"End\": true}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": []}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"StringEquals\": 1, \"Next\": \"A\"}]}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"BooleanEquals\": true}]}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"And\": [{\"Variable\": \"$.a\", \"IsNull\": true, \"Next\": \"A\"}], \"Next\": \"A\"}]}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\", \"Next\": \"A\"}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\"}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Wait\", \"Seconds\": -1, \"End\": true}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Wait\", \"Timestamp\": \"tomorrow\", \"End\": true}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"r\", \"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 10, \"End\": true}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"States.Nope($.a)\"}, \"End\": true}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"not a path\"}, \"End\": true}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"ResultPath\": \"$$.x\", \"End\": true}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Parallel\", \"Branches\": [], \"End\": true}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": [{\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Pass\", \"Next\": \"A\"}}}]}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Map\", \"End\": true}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true, \"Catch\": []}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true, \"Catch\": [{\"ErrorEquals\": [\"E\"]}]}}}",
            "{\"StartAt\": \"A\", \"QueryLanguage\": \"JSONata\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": [{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}]}}}"})
    void rejectsWhatAwsRejects(String definition) {
        assertThat(problems(definition)).isNotEmpty();
    }

    @Test
    void anUnfilledPlaceholderIsNotAnArn() {
        assertThat(problems("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"${PrepareFunctionArn}\", \"End\": true}}}"))
                .containsExactly("/States/A/Resource: '${PrepareFunctionArn}' is not an ARN (a placeholder that was not filled)");
    }

    @Test
    void loadingAnInvalidDefinitionThrowsWithAllProblems() {
        assertThatThrownBy(() -> StateMachine.parse("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\"}, \"B\": {\"Type\": \"Pass\", \"End\": true}}}"))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "/States/A: must have Next or End: true",
                        "/States/B: is unreachable from StartAt 'A'"));
    }

    @Test
    void notJsonAtAllIsReportedToo() {
        assertThatThrownBy(() -> StateMachine.parse("{\"StartAt\": "))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void placeholdersAreFilledAndMissingOnesNamed() {
        String template = "{\"Resource\": \"${PrepareFunctionArn}\", \"Other\": \"${DeployGreenFunctionArn}\", \"Keep\": \"$$.Execution.Id\"}";

        assertThat(Placeholders.names(template)).containsExactly("DeployGreenFunctionArn", "PrepareFunctionArn");
        assertThat(Placeholders.fill(template, java.util.Map.of("PrepareFunctionArn", "arn:p", "DeployGreenFunctionArn", "arn:d")))
                .isEqualTo("{\"Resource\": \"arn:p\", \"Other\": \"arn:d\", \"Keep\": \"$$.Execution.Id\"}");
        assertThatThrownBy(() -> Placeholders.fill(template, java.util.Map.of("PrepareFunctionArn", "arn:p")))
                .hasMessageContaining("DeployGreenFunctionArn");
    }
}
