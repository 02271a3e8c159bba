package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaResponse;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.greenlight.statemachine.engine.EngineFixture.T0;
import static dev.greenlight.statemachine.engine.EngineFixture.eventTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Execution history as AWS records it, stopping executions, and many executions at once. */
class ExecutionsTest {

    private final EngineFixture fixture = new EngineFixture();

    @Test
    void historyOfASuccessfulTaskExecution() throws Exception {
        fixture.lambdas.on("Greet", dev.greenlight.statemachine.task.StubLambdas.Result.returns("\"hi\"").taking(2));

        Execution execution = fixture.run("""
                {"StartAt": "Greet", "States": {"Greet": {"Type": "Task", "Resource": "${Greet}", "TimeoutSeconds": 30, "Next": "Done"},
                  "Done": {"Type": "Succeed"}}}""", "{\"who\": \"ann\"}");

        List<HistoryEvent> history = execution.history();
        assertThat(eventTypes(execution)).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "SucceedStateEntered",
                "SucceedStateExited", "ExecutionSucceeded");
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).id()).isEqualTo(i + 1);
            assertThat(history.get(i).previousEventId()).isEqualTo(i);
        }
        assertThat(history.get(0).timestamp()).isEqualTo(T0);
        assertThat(history.get(4).timestamp()).isEqualTo(T0.plusSeconds(2));
        assertThat(history.get(0).details().get("input").asString()).isEqualTo("{\"who\":\"ann\"}");
        assertThat(history.get(1).details().get("name").asString()).isEqualTo("Greet");
        assertThat(history.get(2).details().get("resource").asString()).isEqualTo(EngineFixture.arn("Greet"));
        assertThat(history.get(2).details().get("timeoutInSeconds").asInt()).isEqualTo(30);
        assertThat(history.get(4).details().get("output").asString()).isEqualTo("\"hi\"");
        assertThat(history.get(5).detailsField()).isEqualTo("stateExitedEventDetails");
        assertThat(history.get(8).details().get("output").asString()).isEqualTo("\"hi\"");
        assertThat(history.get(8).detailsField()).isEqualTo("executionSucceededEventDetails");
    }

    @Test
    void historyOfAFailedTaskExecution() throws Exception {
        fixture.lambdas.on("Greet", dev.greenlight.statemachine.task.StubLambdas.Result.fails("NoSuchPerson", "ann is unknown"));

        Execution execution = fixture.run(EngineFixture.single("{\"Type\": \"Task\", \"Resource\": \"${Greet}\", \"End\": true}"), "{}");

        assertThat(eventTypes(execution)).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                "LambdaFunctionStarted", "LambdaFunctionFailed", "ExecutionFailed");
        HistoryEvent failed = execution.history().get(5);
        assertThat(failed.details().get("error").asString()).isEqualTo("NoSuchPerson");
        assertThat(failed.details().get("cause").asString()).isEqualTo("ann is unknown");
    }

    @Test
    void parallelBranchesChainTheirEventsFromParallelStateStarted() throws Exception {
        Execution execution = fixture.run(EngineFixture.single("""
                {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}"""), "{}");

        long started = execution.history().stream().filter(e -> e.type().equals("ParallelStateStarted")).findFirst().orElseThrow().id();
        for (String branch : List.of("A", "B")) {
            HistoryEvent entered = execution.history().stream().filter(e -> branch.equals(e.stateName()) && e.type().equals("PassStateEntered"))
                    .findFirst().orElseThrow();
            assertThat(entered.previousEventId()).isEqualTo(started);
        }
    }

    @Test
    void stopAbortsARunningExecution() throws Exception {
        CountDownLatch taskStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Engine engine = new Engine(new LambdaTaskRegistry((function, payload) -> {
            taskStarted.countDown();
            never.await();
            return LambdaResponse.ok(payload);
        }), fixture.timer, new java.util.Random(), "us-east-1", "123456789012");

        Execution execution = engine.start(EngineFixture.machine(EngineFixture.single(
                "{\"Type\": \"Task\", \"Resource\": \"${Blocks}\", \"End\": true}")), "m", "to-stop", Json.parse("{}"));
        assertThat(taskStarted.await(10, TimeUnit.SECONDS)).isTrue();
        execution.stop("Operator.Stop", "stopped from the console");

        assertThat(execution.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(execution.error()).isEqualTo("Operator.Stop");
        assertThat(execution.cause()).isEqualTo("stopped from the console");
        assertThat(eventTypes(execution)).endsWith("ExecutionAborted");
    }

    @Test
    void stopDuringAWaitOnRealTimeEndsAtOnce() throws Exception {
        Engine engine = new Engine(new LambdaTaskRegistry(fixture.lambdas), new SystemTimer(), new java.util.Random(), "us-east-1", "123456789012");
        Execution execution = engine.start(EngineFixture.machine(EngineFixture.single(
                "{\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}")), "m", "waiting", Json.parse("{}"));
        while (execution.history().size() < 2) {
            Thread.onSpinWait();
        }

        long before = System.nanoTime();
        execution.stop(null, null);

        assertThat(execution.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - before)).isLessThan(5);
    }

    @Test
    void manyExecutionsRunAtOnce() throws Exception {
        fixture.lambdas.compute("Double", payload -> dev.greenlight.statemachine.task.StubLambdas.Result.returns(
                Json.number(payload.get("n").asInt() * 2L)).taking(5));
        StateMachine machine = EngineFixture.machine("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "Next": "T"},
                  "T": {"Type": "Task", "Resource": "${Double}", "End": true}}}""");

        List<Execution> executions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            executions.add(fixture.engine.start(machine, "doubler", "run-" + i, Json.parse("{\"n\": " + i + "}")));
        }
        for (int i = 0; i < 40; i++) {
            Execution execution = executions.get(i).await();
            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.output().asInt()).isEqualTo(2 * i);
        }
        assertThat(fixture.engine.executions()).hasSize(40);
    }

    @Test
    void startingARunningExecutionAgainWithTheSameInputReturnsIt_otherReuseOfTheNameIsRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Engine engine = new Engine(new LambdaTaskRegistry((function, payload) -> {
            release.await();
            return LambdaResponse.ok(payload);
        }), fixture.timer, new java.util.Random(), "us-east-1", "123456789012");
        StateMachine machine = EngineFixture.machine(EngineFixture.single("{\"Type\": \"Task\", \"Resource\": \"${Hold}\", \"End\": true}"));

        Execution first = engine.start(machine, "m", "release-v1", Json.parse("{\"tag\": \"v1\"}"));
        Execution again = engine.start(machine, "m", "release-v1", Json.parse("{\"tag\": \"v1\"}"));
        assertThatThrownBy(() -> engine.start(machine, "m", "release-v1", Json.parse("{\"tag\": \"v2\"}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        release.countDown();
        first.await();

        assertThat(again).isSameAs(first);
        assertThat(engine.find(first.executionArn())).containsSame(first);
        assertThatThrownBy(() -> engine.start(machine, "m", "release-v1", Json.parse("{\"tag\": \"v1\"}")))
                .as("a finished execution's name is not reused").isInstanceOf(ExecutionAlreadyExistsException.class);
        engine.close();
    }

    @Test
    void stopDateAndStartDateComeFromTheTimer() throws Exception {
        Execution execution = fixture.run(EngineFixture.single("{\"Type\": \"Wait\", \"Seconds\": 5, \"End\": true}"), "{}");

        assertThat(execution.startDate()).isEqualTo(T0);
        assertThat(execution.stopDate()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    }
}
