package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.StubLambdas.Result;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.greenlight.statemachine.engine.EngineFixture.single;
import static org.assertj.core.api.Assertions.assertThat;

/** InputPath, Parameters, ResultSelector, ResultPath and OutputPath, with the ASL specification's examples. */
class DataFlowTest {

    private final EngineFixture fixture = new EngineFixture();

    @Test
    void specExample_inputPathResultPathOutputPath() throws Exception {
        fixture.lambdas.compute("Add", payload -> Result.returns(Json.number(payload.get("val1").asInt() + payload.get("val2").asInt())));

        Execution execution = fixture.run(single("""
                {"Type": "Task", "Resource": "${Add}", "InputPath": "$.numbers", "ResultPath": "$.sum", "OutputPath": "$", "End": true}"""),
                "{\"title\": \"Numbers to add\", \"numbers\": {\"val1\": 3, \"val2\": 4}}");

        assertThat(execution.output()).isEqualTo(Json.parse(
                "{\"title\": \"Numbers to add\", \"numbers\": {\"val1\": 3, \"val2\": 4}, \"sum\": 7}"));
    }

    @Test
    void specExample_parametersWithPathsAndSlices() throws Exception {
        Execution execution = fixture.run(single("""
                {"Type": "Pass", "Parameters": {"flagged": true, "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[-3:]"}}, "End": true}"""),
                "{\"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50]}");

        assertThat(execution.output()).isEqualTo(Json.parse("{\"flagged\": true, \"parts\": {\"first\": 0, \"last3\": [30, 40, 50]}}"));
    }

    @Test
    void specExample_resultSelectorPicksFromTheTaskResult() throws Exception {
        fixture.lambdas.on("CreateCluster", Result.returns("""
                {"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
                 "output": {"SdkHttpMetadata": {"HttpStatusCode": 200}, "SdkResponseMetadata": {"RequestId": "1234-5678-9012"},
                            "ClusterId": "AKIAIOSFODNN7EXAMPLE"}}"""));

        Execution execution = fixture.run(single("""
                {"Type": "Task", "Resource": "${CreateCluster}",
                 "ResultSelector": {"ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType"},
                 "ResultPath": "$.EMROutput", "End": true}"""), "{\"foo\": \"bar\"}");

        assertThat(execution.output()).isEqualTo(Json.parse(
                "{\"foo\": \"bar\", \"EMROutput\": {\"ClusterId\": \"AKIAIOSFODNN7EXAMPLE\", \"ResourceType\": \"elasticmapreduce\"}}"));
    }

    @Test
    void resultPathNullKeepsTheInputAndDiscardsTheResult() throws Exception {
        Execution execution = fixture.run(single("""
                {"Type": "Pass", "Result": {"ignored": true}, "ResultPath": null, "End": true}"""), "{\"kept\": 1}");

        assertThat(execution.output()).isEqualTo(Json.parse("{\"kept\": 1}"));
    }

    @Test
    void inputPathNullGivesAnEmptyObject_whileResultPathStillMergesIntoTheRawInput() throws Exception {
        Execution execution = fixture.run(single("""
                {"Type": "Pass", "InputPath": null, "Parameters": {"seen.$": "$"}, "ResultPath": "$.result", "End": true}"""),
                "{\"kept\": 1}");

        assertThat(execution.output()).isEqualTo(Json.parse("{\"kept\": 1, \"result\": {\"seen\": {}}}"));
    }

    @Test
    void outputPathSelectsPartOfTheOutput_andNullOutputPathGivesAnEmptyObject() throws Exception {
        Execution selected = fixture.run(single("""
                {"Type": "Pass", "Result": {"a": 1}, "ResultPath": "$.r", "OutputPath": "$.r", "End": true}"""), "{\"x\": 1}");
        Execution emptied = fixture.run(single("""
                {"Type": "Pass", "OutputPath": null, "End": true}"""), "{\"x\": 1}");

        assertThat(selected.output()).isEqualTo(Json.parse("{\"a\": 1}"));
        assertThat(emptied.output()).isEqualTo(Json.parse("{}"));
    }

    @Test
    void resultPathCreatesMissingObjectsOnTheWay() throws Exception {
        Execution execution = fixture.run(single("""
                {"Type": "Pass", "Result": "x", "ResultPath": "$.a.b.c", "End": true}"""), "{\"a\": {\"keep\": true}}");

        assertThat(execution.output()).isEqualTo(Json.parse("{\"a\": {\"keep\": true, \"b\": {\"c\": \"x\"}}}"));
    }

    @Test
    void resultPathThroughAScalarIsAResultPathMatchFailure() throws Exception {
        Execution execution = fixture.run(single("""
                {"Type": "Pass", "Result": "x", "ResultPath": "$.a.b", "End": true}"""), "{\"a\": 3}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.ResultPathMatchFailure");
    }

    @Test
    void aMissingParameterPathFailsTheExecutionAsOnAws_notEvenStatesAllCatchesIt() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "${Never}", "Parameters": {"x.$": "$.missing"},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Succeed"}}}""", "{\"other\": 1}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.Runtime");
        assertThat(execution.cause()).startsWith(
                "The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{\"other\":1}'");
        assertThat(fixture.lambdas.calls()).isEmpty();
    }

    @Test
    void aMissingInputPathIsStatesRuntime_whichNotEvenStatesAllCatches() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "${Never}", "InputPath": "$.missing",
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Succeed"}}}""", "{}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.Runtime");
        assertThat(execution.cause()).contains("$.missing");
    }

    @Test
    void contextObjectCarriesExecutionAndStateFields() throws Exception {
        Execution execution = fixture.engine.start(EngineFixture.machine(single("""
                {"Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name",
                  "start.$": "$$.Execution.StartTime", "input.$": "$$.Execution.Input", "entered.$": "$$.State.EnteredTime",
                  "state.$": "$$.State.Name", "retries.$": "$$.State.RetryCount", "machine.$": "$$.StateMachine.Name",
                  "machineId.$": "$$.StateMachine.Id", "role.$": "$$.Execution.RoleArn"}, "End": true}""")),
                "orders", "run-1", Json.parse("{\"n\": 1}")).await();

        JsonNode out = execution.output();
        assertThat(out.get("id").asString()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:orders:run-1");
        assertThat(out.get("name").asString()).isEqualTo("run-1");
        assertThat(out.get("start").asString()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(out.get("input")).isEqualTo(Json.parse("{\"n\": 1}"));
        assertThat(out.get("entered").asString()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(out.get("state").asString()).isEqualTo("S");
        assertThat(out.get("retries").asInt()).isZero();
        assertThat(out.get("machine").asString()).isEqualTo("orders");
        assertThat(out.get("machineId").asString()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:orders");
        assertThat(out.get("role").asString()).startsWith("arn:aws:iam::123456789012:role/");
    }

    @Test
    void stateEnteredTimeFollowsTheClock() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "W", "States": {
                  "W": {"Type": "Wait", "Seconds": 90, "Next": "P"},
                  "P": {"Type": "Pass", "Parameters": {"entered.$": "$$.State.EnteredTime"}, "End": true}}}""", "{}");

        assertThat(execution.output().get("entered").asString()).isEqualTo("2026-01-01T00:01:30.000Z");
    }

    @Test
    void anOutputOverTheQuotaIsDataLimitExceeded_whichStatesAllDoesNotCatch() throws Exception {
        fixture.lambdas.on("Big", Result.returns(Json.text("x".repeat(300 * 1024))));

        Execution execution = fixture.run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "${Big}", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]}, "Caught": {"Type": "Succeed"}}}""", "{}");

        assertThat(execution.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(EngineFixture.enteredStates(execution)).containsExactly("T");
    }
}
