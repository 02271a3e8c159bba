package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.StubLambdas.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.greenlight.statemachine.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Retry (interval, attempts, backoff, cap, jitter), Catch, and timeouts of tasks and of the whole machine. */
class RetryCatchTest {

    private final EngineFixture fixture = new EngineFixture();

    /** When each attempt of the task started, on the virtual clock. */
    private static List<Instant> attempts(Execution execution) {
        return execution.history().stream().filter(e -> e.type().equals("LambdaFunctionScheduled")).map(HistoryEvent::timestamp).toList();
    }

    private static List<Long> gapsInSeconds(List<Instant> times, long taskSeconds) {
        return java.util.stream.IntStream.range(1, times.size())
                .mapToObj(i -> Duration.between(times.get(i - 1), times.get(i)).toSeconds() - taskSeconds).toList();
    }

    @Test
    void specExample_timeoutRetriedTwiceAfterThreeThenFourAndAHalfSeconds() throws Exception {
        fixture.lambdas.on("Slow", Result.returns("{}").taking(60));

        Execution execution = fixture.run(EngineFixture.single("""
                {"Type": "Task", "Resource": "${Slow}", "TimeoutSeconds": 10,
                 "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 3, "MaxAttempts": 2, "BackoffRate": 1.5}], "End": true}"""), "{}");

        assertThat(execution.error()).isEqualTo("States.Timeout");
        List<Instant> starts = attempts(execution);
        assertThat(starts).containsExactly(T0, T0.plusSeconds(13), T0.plusMillis(27_500));
        assertThat(EngineFixture.eventTypes(execution)).filteredOn("LambdaFunctionTimedOut"::equals).hasSize(3);
    }

    @Test
    void specExample_retriersCountSeparatelyAndTheFirstMatchDecides() throws Exception {
        fixture.lambdas.on("Flaky", Result.fails("ErrorA", "a"), Result.fails("ErrorB", "b"), Result.fails("ErrorA", "a again"));

        Execution execution = fixture.run("""
                {"StartAt": "X", "States": {
                  "X": {"Type": "Task", "Resource": "${Flaky}", "Next": "Y",
                    "Retry": [{"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2, "MaxAttempts": 2},
                              {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}]},
                  "Y": {"Type": "Succeed"}, "Z": {"Type": "Pass", "End": true}}}""", "{}");

        assertThat(EngineFixture.enteredStates(execution)).containsExactly("X", "Z");
        assertThat(execution.output()).isEqualTo(Json.parse("{\"Error\": \"ErrorA\", \"Cause\": \"a again\"}"));
        assertThat(gapsInSeconds(attempts(execution), 0)).containsExactly(1L, 2L);
    }

    @Test
    void defaultsAreOneSecondThreeAttemptsBackoffTwo() throws Exception {
        fixture.lambdas.on("Flaky", Result.fails("ErrorC", "c"));

        Execution execution = fixture.run(EngineFixture.single("""
                {"Type": "Task", "Resource": "${Flaky}", "Retry": [{"ErrorEquals": ["ErrorC"]}], "End": true}"""), "{}");

        assertThat(gapsInSeconds(attempts(execution), 0)).containsExactly(1L, 2L, 4L);
        assertThat(execution.error()).isEqualTo("ErrorC");
    }

    @Test
    void maxDelaySecondsCapsTheBackoff() throws Exception {
        fixture.lambdas.on("Flaky", Result.fails("Lambda.ServiceException", "boom"));

        Execution execution = fixture.run(EngineFixture.single("""
                {"Type": "Task", "Resource": "${Flaky}", "Retry": [{"ErrorEquals": ["Lambda.ServiceException"],
                  "IntervalSeconds": 2, "MaxAttempts": 5, "BackoffRate": 3, "MaxDelaySeconds": 20}], "End": true}"""), "{}");

        assertThat(gapsInSeconds(attempts(execution), 0)).containsExactly(2L, 6L, 18L, 20L, 20L);
    }

    @Test
    void fullJitterWaitsSomewhereBetweenZeroAndTheBackoff() throws Exception {
        fixture.lambdas.on("Flaky", Result.fails("Lambda.TooManyRequestsException", "slow down"));

        Execution execution = fixture.run(EngineFixture.single("""
                {"Type": "Task", "Resource": "${Flaky}", "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"],
                  "IntervalSeconds": 10, "MaxAttempts": 4, "BackoffRate": 2, "JitterStrategy": "FULL"}], "End": true}"""), "{}");

        List<Instant> starts = attempts(execution);
        long[] ceilings = {10_000, 20_000, 40_000, 80_000};
        boolean anyBelowCeiling = false;
        for (int i = 1; i < starts.size(); i++) {
            long millis = Duration.between(starts.get(i - 1), starts.get(i)).toMillis();
            assertThat(millis).isBetween(0L, ceilings[i - 1]);
            anyBelowCeiling |= millis < ceilings[i - 1];
        }
        assertThat(starts).hasSize(5);
        assertThat(anyBelowCeiling).isTrue();
    }

    @Test
    void retryCountIsInTheContextObject() throws Exception {
        fixture.lambdas.on("Flaky", Result.fails("Oops", "1"), Result.fails("Oops", "2"), Result.returns("{}"));

        fixture.run(EngineFixture.single("""
                {"Type": "Task", "Resource": "${Flaky}", "Parameters": {"retry.$": "$$.State.RetryCount"},
                 "Retry": [{"ErrorEquals": ["Oops"]}], "End": true}"""), "{}");

        assertThat(fixture.lambdas.payloadsOf("Flaky")).extracting(p -> p.get("retry").asInt()).containsExactly(0, 1, 2);
    }

    @Test
    void specExample_catchPutsTheErrorAtItsResultPath() throws Exception {
        fixture.lambdas.on("Risky", Result.fails("java.lang.Exception", "disk full"));

        Execution execution = fixture.run("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "${Risky}", "End": true, "Catch": [
                    {"ErrorEquals": ["java.lang.Exception"], "ResultPath": "$.error-info", "Next": "RecoveryState"},
                    {"ErrorEquals": ["States.ALL"], "Next": "EndState"}]},
                  "RecoveryState": {"Type": "Pass", "End": true}, "EndState": {"Type": "Pass", "End": true}}}""", "{\"foo\": \"bar\"}");

        assertThat(EngineFixture.enteredStates(execution)).containsExactly("T", "RecoveryState");
        assertThat(execution.output()).isEqualTo(Json.parse(
                "{\"foo\": \"bar\", \"error-info\": {\"Error\": \"java.lang.Exception\", \"Cause\": \"disk full\"}}"));
    }

    @Test
    void taskFailedMatchesAnyErrorButTimeout() throws Exception {
        String definition = """
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "${Work}", "TimeoutSeconds": 5, "End": true, "Catch": [
                    {"ErrorEquals": ["States.TaskFailed"], "Next": "Failed"},
                    {"ErrorEquals": ["States.Timeout"], "Next": "TimedOut"}]},
                  "Failed": {"Type": "Succeed"}, "TimedOut": {"Type": "Succeed"}}}""";
        fixture.lambdas.on("Work", Result.fails("Custom", "x"));
        Execution failed = fixture.run(definition, "{}");
        fixture.lambdas.on("Work", Result.returns("{}").taking(6));
        Execution timedOut = fixture.run(definition, "{}");

        assertThat(EngineFixture.enteredStates(failed)).containsExactly("T", "Failed");
        assertThat(EngineFixture.enteredStates(timedOut)).containsExactly("T", "TimedOut");
    }

    @Test
    void taskTimeoutSecondsPathReadsTheTimeoutFromTheInput() throws Exception {
        fixture.lambdas.on("Work", Result.returns("{}").taking(20));

        Execution execution = fixture.run(EngineFixture.single("""
                {"Type": "Task", "Resource": "${Work}", "TimeoutSecondsPath": "$.limit", "End": true}"""), "{\"limit\": 15}");

        assertThat(execution.error()).isEqualTo("States.Timeout");
        assertThat(execution.stopDate()).isEqualTo(T0.plusSeconds(15));
    }

    @Test
    void machineTimeoutSecondsEndsTheExecutionAsTimedOut() throws Exception {
        Execution execution = fixture.run("""
                {"TimeoutSeconds": 60, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""", "{}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(execution.error()).isEqualTo("States.Timeout");
        assertThat(execution.stopDate()).isEqualTo(T0.plusSeconds(60));
        assertThat(EngineFixture.eventTypes(execution)).endsWith("ExecutionTimedOut");
    }

    @Test
    void machineTimeoutAlsoCutsARunningTask() throws Exception {
        fixture.lambdas.on("Work", Result.returns("{}").taking(600));

        Execution execution = fixture.run("""
                {"TimeoutSeconds": 100, "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "${Work}", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]}, "Caught": {"Type": "Succeed"}}}""", "{}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(execution.stopDate()).isEqualTo(T0.plusSeconds(100));
    }

    @Test
    void parallelAndMapRetryAsAWhole() throws Exception {
        fixture.lambdas.on("Once", Result.fails("Glitch", "first"), Result.returns("\"ok\""));

        Execution execution = fixture.run(EngineFixture.single("""
                {"Type": "Parallel", "Retry": [{"ErrorEquals": ["Glitch"], "IntervalSeconds": 7}], "End": true,
                 "Branches": [{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "${Once}", "End": true}}}]}"""), "{}");

        assertThat(execution.output()).isEqualTo(Json.parse("[\"ok\"]"));
        assertThat(execution.stopDate()).isEqualTo(T0.plusSeconds(7));
    }
}
