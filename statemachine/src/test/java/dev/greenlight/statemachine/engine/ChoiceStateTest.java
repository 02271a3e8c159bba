package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

import static dev.greenlight.statemachine.engine.EngineFixture.enteredStates;
import static org.assertj.core.api.Assertions.assertThat;

/** Choice rules: every comparison operator and its Path variant, And, Or, Not and the type tests. */
class ChoiceStateTest {

    private final EngineFixture fixture = new EngineFixture();

    private static final String SPEC_CHOICE = """
            {"StartAt": "ChoiceStateX", "States": {
              "ChoiceStateX": {"Type": "Choice", "Choices": [
                {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
                {"And": [{"Variable": "$.value", "IsPresent": true}, {"Variable": "$.value", "IsNumeric": true},
                         {"Variable": "$.value", "NumericGreaterThanEquals": 20}, {"Variable": "$.value", "NumericLessThan": 30}],
                 "Next": "ValueInTwenties"},
                {"Variable": "$.rating", "NumericGreaterThanPath": "$.auditThreshold", "Next": "StartAudit"}],
               "Default": "RecordEvent"},
              "Public": {"Type": "Succeed"}, "ValueInTwenties": {"Type": "Succeed"},
              "StartAudit": {"Type": "Succeed"}, "RecordEvent": {"Type": "Succeed"}}}""";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\": \"Public\"}                                                      | Public",
            "{\"type\": \"Private\", \"value\": 22}                                      | ValueInTwenties",
            "{\"type\": \"Private\", \"value\": 35, \"rating\": 70, \"auditThreshold\": 60} | StartAudit",
            "{\"type\": \"Private\", \"value\": 35, \"rating\": 53, \"auditThreshold\": 60} | RecordEvent"})
    void specExample(String input, String expected) throws Exception {
        Execution execution = fixture.run(SPEC_CHOICE, input);

        assertThat(enteredStates(execution)).containsExactly("ChoiceStateX", expected);
    }

    private String decide(String rule, String input) throws InterruptedException {
        Execution execution = fixture.run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [%s], "Default": "No"},
                  "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}}}""".formatted(withNext(rule)), input);
        assertThat(execution.status()).as(execution.error() + " " + execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return enteredStates(execution).get(1);
    }

    private static String withNext(String rule) {
        ObjectNode node = (ObjectNode) Json.parse(rule);
        node.put("Next", "Yes");
        return Json.write(node);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals, \"abc\"                 | {\"v\": \"abc\"}       | Yes",
            "StringEquals, \"abc\"                 | {\"v\": 1}             | No",
            "StringLessThan, \"b\"                 | {\"v\": \"a\"}         | Yes",
            "StringGreaterThan, \"b\"              | {\"v\": \"a\"}         | No",
            "StringLessThanEquals, \"a\"           | {\"v\": \"a\"}         | Yes",
            "StringGreaterThanEquals, \"a\"        | {\"v\": \"b\"}         | Yes",
            "StringMatches, \"log-*.txt\"          | {\"v\": \"log-2026.txt\"} | Yes",
            "StringMatches, \"log-*.txt\"          | {\"v\": \"log-2026.csv\"} | No",
            "StringMatches, \"a\\\\*b\"            | {\"v\": \"a*b\"}       | Yes",
            "StringMatches, \"a\\\\*b\"            | {\"v\": \"axxb\"}      | No",
            "NumericEquals, 1                      | {\"v\": 1.0}           | Yes",
            "NumericEquals, 1                      | {\"v\": \"1\"}         | No",
            "NumericLessThan, 10                   | {\"v\": 9.5}           | Yes",
            "NumericGreaterThan, 10                | {\"v\": 10}            | No",
            "NumericLessThanEquals, 10             | {\"v\": 10}            | Yes",
            "NumericGreaterThanEquals, 10          | {\"v\": 11}            | Yes",
            "BooleanEquals, true                   | {\"v\": true}          | Yes",
            "BooleanEquals, true                   | {\"v\": \"true\"}      | No",
            "TimestampEquals, \"2026-01-01T00:00:00Z\"            | {\"v\": \"2026-01-01T01:00:00+01:00\"} | Yes",
            "TimestampLessThan, \"2026-01-01T00:00:00Z\"          | {\"v\": \"2025-12-31T23:59:59Z\"}      | Yes",
            "TimestampGreaterThan, \"2026-01-01T00:00:00Z\"       | {\"v\": \"2025-12-31T23:59:59Z\"}      | No",
            "TimestampLessThanEquals, \"2026-01-01T00:00:00Z\"    | {\"v\": \"2026-01-01T00:00:00Z\"}      | Yes",
            "TimestampGreaterThanEquals, \"2026-01-01T00:00:00Z\" | {\"v\": \"not a time\"}                | No",
            "IsNull, true                          | {\"v\": null}          | Yes",
            "IsNull, false                         | {\"v\": 0}             | Yes",
            "IsPresent, false                      | {}                     | Yes",
            "IsPresent, true                       | {\"v\": null}          | Yes",
            "IsNumeric, true                       | {\"v\": 3}             | Yes",
            "IsString, true                        | {\"v\": 3}             | No",
            "IsBoolean, true                       | {\"v\": false}         | Yes",
            "IsTimestamp, true                     | {\"v\": \"2026-01-01T00:00:00Z\"} | Yes",
            "IsTimestamp, true                     | {\"v\": \"2026-01-01\"} | No"})
    void comparisonOperators(String operatorAndValue, String input, String expected) throws Exception {
        int comma = operatorAndValue.indexOf(',');
        String rule = "{\"Variable\": \"$.v\", \"" + operatorAndValue.substring(0, comma) + "\": " + operatorAndValue.substring(comma + 1).trim() + "}";

        assertThat(decide(rule, input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}Path")
    @CsvSource(delimiter = '|', value = {
            "StringEquals            | \"x\"                      | \"x\"                      | Yes",
            "StringLessThan          | \"a\"                      | \"b\"                      | Yes",
            "StringGreaterThan       | \"a\"                      | \"b\"                      | No",
            "StringLessThanEquals    | \"b\"                      | \"b\"                      | Yes",
            "StringGreaterThanEquals | \"a\"                      | \"b\"                      | No",
            "NumericEquals           | 2                          | 2.0                        | Yes",
            "NumericLessThan         | 1                          | 2                          | Yes",
            "NumericGreaterThan      | 1                          | 2                          | No",
            "NumericLessThanEquals   | 2                          | 2                          | Yes",
            "NumericGreaterThanEquals| 3                          | 2                          | Yes",
            "BooleanEquals           | false                      | false                      | Yes",
            "TimestampEquals         | \"2026-01-01T00:00:00Z\"   | \"2026-01-01T00:00:00Z\"   | Yes",
            "TimestampLessThan       | \"2026-01-01T00:00:00Z\"   | \"2026-01-02T00:00:00Z\"   | Yes",
            "TimestampGreaterThan    | \"2026-01-01T00:00:00Z\"   | \"2026-01-02T00:00:00Z\"   | No",
            "TimestampLessThanEquals | \"2026-01-03T00:00:00Z\"   | \"2026-01-02T00:00:00Z\"   | No",
            "TimestampGreaterThanEquals | \"2026-01-03T00:00:00Z\" | \"2026-01-02T00:00:00Z\"  | Yes",
            "NumericEquals           | 2                          | \"2\"                      | No"})
    void pathVariantsCompareWithAnotherValueOfTheInput(String operator, String v, String other, String expected) throws Exception {
        String rule = "{\"Variable\": \"$.v\", \"" + operator + "Path\": \"$.other\"}";

        assertThat(decide(rule, "{\"v\": " + v + ", \"other\": " + other + "}")).isEqualTo(expected);
    }

    @Test
    void andOrNotCombineRules() throws Exception {
        String rule = """
                {"Or": [{"And": [{"Variable": "$.a", "NumericGreaterThan": 1}, {"Not": {"Variable": "$.b", "StringEquals": "x"}}]},
                        {"Variable": "$.c", "BooleanEquals": true}]}""";

        assertThat(decide(rule, "{\"a\": 2, \"b\": \"y\", \"c\": false}")).isEqualTo("Yes");
        assertThat(decide(rule, "{\"a\": 2, \"b\": \"x\", \"c\": false}")).isEqualTo("No");
        assertThat(decide(rule, "{\"a\": 0, \"b\": \"x\", \"c\": true}")).isEqualTo("Yes");
    }

    @Test
    void theContextObjectCanBeAVariable() throws Exception {
        assertThat(decide("{\"Variable\": \"$$.State.Name\", \"StringEquals\": \"C\"}", "{}")).isEqualTo("Yes");
    }

    @Test
    void aMissingVariableIsARuntimeError() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.nope", "StringEquals": "x", "Next": "Y"}],
                  "Default": "Y"}, "Y": {"Type": "Succeed"}}}""", "{}");

        assertThat(execution.error()).isEqualTo("States.Runtime");
        assertThat(execution.cause()).contains("$.nope");
    }

    @Test
    void noMatchAndNoDefaultIsNoChoiceMatched() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericEquals": 1, "Next": "Y"}]},
                  "Y": {"Type": "Succeed"}}}""", "{\"v\": 2}");

        assertThat(execution.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void inputPathAndOutputPathApply() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "InputPath": "$.inner", "OutputPath": "$.keep",
                  "Choices": [{"Variable": "$.v", "NumericEquals": 1, "Next": "Y"}]}, "Y": {"Type": "Succeed"}}}""",
                "{\"inner\": {\"v\": 1, \"keep\": \"k\"}}");

        assertThat(execution.output().asString()).isEqualTo("k");
    }
}
