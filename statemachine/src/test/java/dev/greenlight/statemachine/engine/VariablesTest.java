package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.StubLambdas.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.greenlight.statemachine.engine.EngineFixture.inputOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Workflow variables in JSONPath states: Assign, $name references, evaluation order, scopes and limits. */
class VariablesTest {

    private final EngineFixture fixture = new EngineFixture();

    @Test
    void aPassStateAssigns_andLaterStatesReadTheVariableAndPathsIntoIt() throws Exception {
        fixture.lambdas.compute("Echo", Result::returns);

        Execution execution = fixture.run("""
                {"StartAt": "Keep", "States": {
                  "Keep": {"Type": "Pass", "Assign": {"limit": 3, "order.$": "$.order", "entered.$": "$$.State.Name"}, "Next": "Use"},
                  "Use": {"Type": "Task", "Resource": "${Echo}", "Parameters": {"limit.$": "$limit", "first.$": "$order.items[0]",
                          "from.$": "$entered", "next.$": "States.MathAdd($limit, 1)"}, "End": true}}}""",
                "{\"order\": {\"items\": [\"tea\", \"cake\"]}}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).isEqualTo(Json.parse("{\"limit\": 3, \"first\": \"tea\", \"from\": \"Keep\", \"next\": 4}"));
    }

    @Test
    void aTaskAssignsFromItsResultAfterResultSelector_beforeResultPathAndOutputPath() throws Exception {
        fixture.lambdas.on("Count", Result.returns("{\"raw\": {\"n\": 7}}"));

        Execution execution = fixture.run("""
                {"StartAt": "Count", "States": {
                  "Count": {"Type": "Task", "Resource": "${Count}", "ResultSelector": {"n.$": "$.raw.n"},
                            "Assign": {"counted.$": "$.n"}, "ResultPath": "$.result", "OutputPath": "$.kept", "Next": "Show"},
                  "Show": {"Type": "Pass", "Parameters": {"counted.$": "$counted", "input.$": "$"}, "End": true}}}""",
                "{\"kept\": {\"x\": 1}}");

        assertThat(execution.output()).isEqualTo(Json.parse("{\"counted\": 7, \"input\": {\"x\": 1}}"));
    }

    @Test
    void everyAssignmentOfAStateReadsTheValuesFromBeforeThatState() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "First", "States": {
                  "First": {"Type": "Pass", "Assign": {"a": 1}, "Next": "Swap"},
                  "Swap": {"Type": "Pass", "Assign": {"a": 2, "b.$": "$a"}, "Next": "Show"},
                  "Show": {"Type": "Pass", "Parameters": {"a.$": "$a", "b.$": "$b"}, "End": true}}}""", "{}");

        assertThat(execution.output()).isEqualTo(Json.parse("{\"a\": 2, \"b\": 1}"));
    }

    @Test
    void aChoiceComparesVariables_andAssignsFromTheMatchingRuleOrElseFromTheState() throws Exception {
        String definition = """
                {"StartAt": "Limits", "States": {
                  "Limits": {"Type": "Pass", "Assign": {"limit": 10, "name": "low"}, "Next": "Route"},
                  "Route": {"Type": "Choice", "Choices": [
                      {"Variable": "$.n", "NumericGreaterThanPath": "$limit", "Assign": {"picked": "rule", "seen.$": "$.n"}, "Next": "Show"},
                      {"Variable": "$name", "StringEquals": "never", "Next": "Show"}],
                    "Default": "Show", "Assign": {"picked": "default", "seen.$": "$name"}},
                  "Show": {"Type": "Pass", "Parameters": {"picked.$": "$picked", "seen.$": "$seen"}, "End": true}}}""";

        assertThat(fixture.run(definition, "{\"n\": 11}").output()).isEqualTo(Json.parse("{\"picked\": \"rule\", \"seen\": 11}"));
        assertThat(fixture.run(definition, "{\"n\": 9}").output()).isEqualTo(Json.parse("{\"picked\": \"default\", \"seen\": \"low\"}"));
    }

    @Test
    void aCatcherAssignsFromTheErrorOutput_andTheFailedStatesOwnAssignIsNotApplied() throws Exception {
        fixture.lambdas.on("Boom", Result.fails("Boom.Failed", "it broke"));

        Execution execution = fixture.run("""
                {"StartAt": "Start", "States": {
                  "Start": {"Type": "Pass", "Assign": {"outcome": "untouched"}, "Next": "Try"},
                  "Try": {"Type": "Task", "Resource": "${Boom}", "Assign": {"outcome": "succeeded"}, "Next": "Done",
                          "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"failure.$": "$"}, "ResultPath": null, "Next": "Failed"}]},
                  "Done": {"Type": "Succeed"},
                  "Failed": {"Type": "Fail", "ErrorPath": "$failure.Error", "CausePath": "States.Format('{} ({})', $failure.Cause, $outcome)"}}}""",
                "{}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Boom.Failed");
        assertThat(execution.cause()).isEqualTo("it broke (untouched)");
    }

    @Test
    void waitAndMapReadTheirPathsFromVariables() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "Plan", "States": {
                  "Plan": {"Type": "Pass", "Assign": {"pause": 90, "items": [1, 2]}, "Next": "Pause"},
                  "Pause": {"Type": "Wait", "SecondsPath": "$pause", "Next": "Each"},
                  "Each": {"Type": "Map", "ItemsPath": "$items", "ItemProcessor": {"StartAt": "Item",
                           "States": {"Item": {"Type": "Pass", "End": true}}}, "End": true}}}""", "{}");

        assertThat(execution.output()).isEqualTo(Json.parse("[1, 2]"));
        assertThat(Duration.between(EngineFixture.T0, execution.stopDate())).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aVariableNotAssignedYetFailsTheExecutionWithStatesRuntime() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "Early", "States": {
                  "Early": {"Type": "Pass", "Parameters": {"v.$": "$later"}, "Next": "Late"},
                  "Late": {"Type": "Pass", "Assign": {"later": 1}, "End": true}}}""", "{}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo(AslError.RUNTIME);
        assertThat(execution.cause()).contains("$later");
    }

    @Test
    void branchesReadOuterVariables_theirOwnAssignmentsStayInside_andTheParallelAssignsFromItsResult() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "Outer", "States": {
                  "Outer": {"Type": "Pass", "Assign": {"x": "outer"}, "Next": "Both"},
                  "Both": {"Type": "Parallel", "Branches": [
                      {"StartAt": "Inner", "States": {
                        "Inner": {"Type": "Pass", "Assign": {"x": "inner"}, "Next": "Read"},
                        "Read": {"Type": "Pass", "Parameters": {"x.$": "$x"}, "End": true}}},
                      {"StartAt": "Other", "States": {"Other": {"Type": "Pass", "Parameters": {"x.$": "$x"}, "End": true}}}],
                    "Assign": {"branches.$": "$"}, "Next": "After"},
                  "After": {"Type": "Pass", "Parameters": {"x.$": "$x", "branches.$": "$branches"}, "End": true}}}""", "{}");

        assertThat(execution.output()).isEqualTo(Json.parse(
                "{\"x\": \"outer\", \"branches\": [{\"x\": \"inner\"}, {\"x\": \"outer\"}]}"));
    }

    @Test
    void oneAssignOfMoreThan256KiBFailsWithStatesDataLimitExceeded() throws Exception {
        String big = "x".repeat(150 * 1024);

        Execution execution = fixture.run("""
                {"StartAt": "Hoard", "States": {
                  "Hoard": {"Type": "Pass", "Assign": {"a.$": "$.big", "b.$": "$.big"}, "End": true}}}""",
                "{\"big\": \"" + big + "\"}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo(AslError.DATA_LIMIT_EXCEEDED);
    }

    @Test
    void theInputOfAStateDoesNotCarryVariables() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "Keep", "States": {
                  "Keep": {"Type": "Pass", "Assign": {"hidden": true}, "Next": "Next"},
                  "Next": {"Type": "Pass", "End": true}}}""", "{\"a\": 1}");

        assertThat(inputOf(execution, "Next")).isEqualTo(Json.parse("{\"a\": 1}"));
    }
}
