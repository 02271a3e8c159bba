package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.StubLambdas.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

import static dev.greenlight.statemachine.engine.EngineFixture.T0;
import static dev.greenlight.statemachine.engine.EngineFixture.enteredStates;
import static dev.greenlight.statemachine.engine.EngineFixture.single;
import static org.assertj.core.api.Assertions.assertThat;

/** Each state type on its own: Task, Pass, Wait, Succeed, Fail, Parallel and Map. */
class StateTypesTest {

    private final EngineFixture fixture = new EngineFixture();

    @Test
    void pass_withResultReplacesTheInput() throws Exception {
        Execution execution = fixture.run(single("{\"Type\": \"Pass\", \"Result\": {\"x-datum\": 0.381018, \"y-datum\": 622.2269926397355}, \"ResultPath\": \"$.coords\", \"End\": true}"),
                "{\"georefOf\": \"Home\"}");

        assertThat(execution.output()).isEqualTo(Json.parse(
                "{\"georefOf\": \"Home\", \"coords\": {\"x-datum\": 0.381018, \"y-datum\": 622.2269926397355}}"));
    }

    @Test
    void pass_withoutResultOrParametersPassesItsInputThrough() throws Exception {
        Execution execution = fixture.run(single("{\"Type\": \"Pass\", \"End\": true}"), "{\"a\": [1, 2]}");

        assertThat(execution.output()).isEqualTo(Json.parse("{\"a\": [1, 2]}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"Type\": \"Wait\", \"Seconds\": 10, \"End\": true}                              | {}                                      | 10",
            "{\"Type\": \"Wait\", \"SecondsPath\": \"$.delay\", \"End\": true}                 | {\"delay\": 45}                         | 45",
            "{\"Type\": \"Wait\", \"Timestamp\": \"2026-01-01T01:00:00Z\", \"End\": true}      | {}                                      | 3600",
            "{\"Type\": \"Wait\", \"TimestampPath\": \"$.until\", \"End\": true}               | {\"until\": \"2026-01-01T00:02:00+00:00\"} | 120",
            "{\"Type\": \"Wait\", \"Timestamp\": \"2025-12-31T00:00:00Z\", \"End\": true}      | {}                                      | 0"})
    void wait_bySecondsSecondsPathTimestampAndTimestampPath(String state, String input, long seconds) throws Exception {
        Execution execution = fixture.run(single(state), input);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).isEqualTo(Json.parse(input));
        assertThat(execution.stopDate()).isEqualTo(T0.plusSeconds(seconds));
    }

    @Test
    void wait_secondsPathToANegativeOrNonIntegerFailsTheExecution() throws Exception {
        Execution execution = fixture.run(single("{\"Type\": \"Wait\", \"SecondsPath\": \"$.delay\", \"End\": true}"), "{\"delay\": \"soon\"}");

        assertThat(execution.error()).isEqualTo("States.Runtime");
    }

    @Test
    void succeed_endsTheExecutionWithItsFilteredInput() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "Done", "States": {"Done": {"Type": "Succeed", "OutputPath": "$.keep"}}}""", "{\"keep\": {\"k\": 1}, \"drop\": 2}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).isEqualTo(Json.parse("{\"k\": 1}"));
    }

    @Test
    void fail_endsTheExecutionWithItsErrorAndCause() throws Exception {
        Execution execution = fixture.run(single("{\"Type\": \"Fail\", \"Error\": \"ErrorA\", \"Cause\": \"Kaiju attack\"}"), "{}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("ErrorA");
        assertThat(execution.cause()).isEqualTo("Kaiju attack");
        assertThat(EngineFixture.eventTypes(execution)).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
    }

    @Test
    void fail_readsErrorAndCauseFromPathsOrIntrinsics() throws Exception {
        Execution execution = fixture.run(single("""
                {"Type": "Fail", "ErrorPath": "$.code", "CausePath": "States.Format('step {} failed', $.step)"}"""),
                "{\"code\": \"Broken\", \"step\": 3}");

        assertThat(execution.error()).isEqualTo("Broken");
        assertThat(execution.cause()).isEqualTo("step 3 failed");
    }

    @Test
    void task_bareFunctionArnGetsTheInputAndReturnsTheFunctionOutput() throws Exception {
        fixture.lambdas.compute("Echo", payload -> Result.returns(payload));

        Execution execution = fixture.run(single("{\"Type\": \"Task\", \"Resource\": \"${Echo}\", \"End\": true}"), "{\"hello\": \"world\"}");

        assertThat(execution.output()).isEqualTo(Json.parse("{\"hello\": \"world\"}"));
        assertThat(EngineFixture.eventTypes(execution)).containsExactly("ExecutionStarted", "TaskStateEntered",
                "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
    }

    @Test
    void task_lambdaInvokeIntegrationReturnsTheInvokeResponseShape() throws Exception {
        fixture.lambdas.compute("Echo", payload -> Result.returns(payload));

        Execution execution = fixture.run(single("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "${Echo}", "Payload": {"n.$": "$.n"}}, "End": true}"""), "{\"n\": 5}");

        JsonNode output = execution.output();
        assertThat(output.get("Payload")).isEqualTo(Json.parse("{\"n\": 5}"));
        assertThat(output.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(output.get("ExecutedVersion").asString()).isEqualTo("$LATEST");
        HistoryEvent scheduled = execution.history().stream().filter(e -> e.type().equals("TaskScheduled")).findFirst().orElseThrow();
        assertThat(scheduled.details().get("resourceType").asString()).isEqualTo("lambda");
        assertThat(scheduled.details().get("resource").asString()).isEqualTo("invoke");
        assertThat(EngineFixture.eventTypes(execution)).contains("TaskStarted", "TaskSucceeded");
    }

    @Test
    void task_functionErrorsBecomeErrorAndCause() throws Exception {
        fixture.lambdas.on("Charge", Result.fails("CardDeclinedException", "card ending 4242 was declined"));

        Execution bare = fixture.run(single("{\"Type\": \"Task\", \"Resource\": \"${Charge}\", \"End\": true}"), "{}");
        Execution integration = fixture.run(single("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "${Charge}"}, "End": true}"""), "{}");

        for (Execution execution : new Execution[] {bare, integration}) {
            assertThat(execution.error()).isEqualTo("CardDeclinedException");
            assertThat(execution.cause()).isEqualTo("card ending 4242 was declined");
        }
        assertThat(EngineFixture.eventTypes(bare)).contains("LambdaFunctionFailed");
        assertThat(EngineFixture.eventTypes(integration)).contains("TaskFailed");
    }

    @Test
    void task_unknownResourceFailsTheExecution() throws Exception {
        Execution execution = fixture.run(single("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\", \"End\": true}"), "{}");

        assertThat(execution.error()).isEqualTo("States.Runtime");
        assertThat(execution.cause()).contains("sqs:sendMessage");
    }

    @Test
    void specExample_parallelRunsBranchesOnTheSameInputAndCollectsAnArray() throws Exception {
        fixture.lambdas.compute("AddressFinder", payload -> Result.returns("{\"address\": \"1 Main St\"}").taking(5));
        fixture.lambdas.compute("PhoneFinder", payload -> Result.returns(Json.text("555-" + payload.get("id").asString())).taking(3));

        Execution execution = fixture.run("""
                {"StartAt": "LookupCustomerInfo", "States": {"LookupCustomerInfo": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "LookupAddress", "States": {"LookupAddress": {"Type": "Task", "Resource": "${AddressFinder}", "End": true}}},
                  {"StartAt": "LookupPhone", "States": {"LookupPhone": {"Type": "Task", "Resource": "${PhoneFinder}", "End": true}}}]}}}""",
                "{\"id\": \"0100\"}");

        assertThat(execution.output()).isEqualTo(Json.parse("[{\"address\": \"1 Main St\"}, \"555-0100\"]"));
        assertThat(EngineFixture.eventTypes(execution)).contains("ParallelStateEntered", "ParallelStateStarted",
                "ParallelStateSucceeded", "ParallelStateExited");
    }

    @Test
    void parallel_aFailingBranchFailsTheStateWithItsError_andCatchHandlesIt() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "Both", "States": {
                  "Both": {"Type": "Parallel", "Next": "Done",
                    "Catch": [{"ErrorEquals": ["BranchBroke"], "ResultPath": "$.error", "Next": "Recovered"}],
                    "Branches": [
                      {"StartAt": "Fine", "States": {"Fine": {"Type": "Pass", "End": true}}},
                      {"StartAt": "Broken", "States": {"Broken": {"Type": "Fail", "Error": "BranchBroke", "Cause": "second branch"}}}]},
                  "Done": {"Type": "Succeed"},
                  "Recovered": {"Type": "Pass", "End": true}}}""", "{\"in\": 1}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).isEqualTo(Json.parse("{\"in\": 1, \"error\": {\"Error\": \"BranchBroke\", \"Cause\": \"second branch\"}}"));
        assertThat(EngineFixture.eventTypes(execution)).contains("ParallelStateFailed");
    }

    @Test
    void specExample_mapWithItemsPathItemSelectorAndContext() throws Exception {
        fixture.lambdas.compute("ShipVal", payload -> {
            var out = Json.object();
            out.put("prod", payload.get("parcel").get("prod").asString());
            out.put("courier", payload.get("courier").asString());
            out.put("index", payload.get("index").asInt());
            return Result.returns(out);
        });

        Execution execution = fixture.run("""
                {"StartAt": "Validate-All", "States": {"Validate-All": {"Type": "Map", "InputPath": "$.detail",
                  "ItemsPath": "$.shipped", "MaxConcurrency": 0,
                  "ItemSelector": {"parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner", "index.$": "$$.Map.Item.Index"},
                  "ItemProcessor": {"StartAt": "Validate", "States": {"Validate": {"Type": "Task", "Resource": "${ShipVal}", "End": true}}},
                  "ResultPath": "$.detail.shipped", "End": true}}}""", """
                {"ship-date": "2016-03-14T01:59:00Z", "detail": {"delivery-partner": "UQS", "shipped": [
                  {"prod": "R31", "dest-code": 9511, "quantity": 1344}, {"prod": "S39", "dest-code": 9511, "quantity": 40}]}}""");

        assertThat(execution.output().get("detail").get("shipped")).isEqualTo(Json.parse(
                "[{\"prod\": \"R31\", \"courier\": \"UQS\", \"index\": 0}, {\"prod\": \"S39\", \"courier\": \"UQS\", \"index\": 1}]"));
        assertThat(execution.output().get("ship-date").asString()).isEqualTo("2016-03-14T01:59:00Z");
        assertThat(EngineFixture.eventTypes(execution)).contains("MapStateStarted", "MapIterationStarted",
                "MapIterationSucceeded", "MapStateSucceeded");
    }

    @Test
    void map_withMaxConcurrencyOneRunsItemsOneAfterAnother() throws Exception {
        fixture.lambdas.compute("Slow", payload -> Result.returns(payload).taking(10));

        Execution execution = fixture.run(single("""
                {"Type": "Map", "MaxConcurrency": 1, "Iterator": {"StartAt": "Work",
                  "States": {"Work": {"Type": "Task", "Resource": "${Slow}", "End": true}}}, "End": true}"""), "[1, 2, 3]");

        assertThat(execution.output()).isEqualTo(Json.parse("[1, 2, 3]"));
        assertThat(execution.stopDate()).isEqualTo(T0.plus(Duration.ofSeconds(30)));
    }

    @Test
    void map_overSomethingThatIsNotAnArrayFails() throws Exception {
        Execution execution = fixture.run(single("""
                {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}"""), "{\"a\": 1}");

        assertThat(execution.error()).isEqualTo("States.Runtime");
    }

    @Test
    void timestampsOfStatesFollowTheVirtualClock() throws Exception {
        Execution execution = fixture.run("""
                {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 30, "Next": "B"}, "B": {"Type": "Pass", "End": true}}}""", "{}");

        assertThat(enteredStates(execution)).containsExactly("A", "B");
        HistoryEvent entered = execution.history().stream().filter(e -> "B".equals(e.stateName())).findFirst().orElseThrow();
        assertThat(entered.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
    }
}
