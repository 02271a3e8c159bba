package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

class ExecutionFactsTest {

    private static final String RELEASE = """
            {"releaseId": "20261126T060000Z-v3", "plan": {"steps": [10, 50, 100], "healthPollSeconds": 5},
             "green": {"slot": "B"}}""";
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private long id;

    @Test
    void from_aBake_readsStepPlanHealthAndTheWaitFromTheStatesInput() {
        List<HistoryEvent> oldestFirst = new ArrayList<>();
        oldestFirst.add(exited(5, "Check green health", "{\"release\": " + RELEASE + ", \"health\": {\"healthy\": true,"
                + " \"healthyTargets\": 2, \"desiredCount\": 2, \"runningCount\": 2}}"));
        oldestFirst.add(exited(20, "Check bake", "{\"release\": " + RELEASE + ", \"step\": {\"index\": 1,"
                + " \"lastIndex\": 2, \"percent\": 50, \"bakeSeconds\": 60, \"extensions\": 1},"
                + " \"bake\": {\"action\": \"WAIT\", \"waitSeconds\": 10}}"));
        oldestFirst.add(entered(21, HistoryEventType.WAIT_STATE_ENTERED, "Bake", "{\"release\": " + RELEASE
                + ", \"step\": {\"index\": 1, \"lastIndex\": 2, \"percent\": 50, \"bakeSeconds\": 60, \"extensions\": 1},"
                + " \"bake\": {\"action\": \"WAIT\", \"waitSeconds\": 10}}"));

        ExecutionFacts facts = ExecutionFacts.from(running(), newestFirst(oldestFirst));

        assertThat(facts.state()).isEqualTo("Bake");
        assertThat(facts.planSteps()).containsExactly(10, 50, 100);
        assertThat(facts.step()).isEqualTo(new ExecutionFacts.Step(1, 2, 50, 60, 1));
        assertThat(facts.health()).isEqualTo(new ExecutionFacts.Health(2, 2, 2, T0.plusSeconds(5), "Check green health"));
        assertThat(facts.waiting()).isEqualTo(new ExecutionFacts.Wait("Bake", "bake", T0.plusSeconds(21), 10L));
        assertThat(facts.waiting().endsAt()).isEqualTo(T0.plusSeconds(31));
    }

    @Test
    void from_onePollOfABake_isTheWholeBake_fromTheShiftToItsEnd() {
        List<HistoryEvent> events = List.of(entered(41, HistoryEventType.WAIT_STATE_ENTERED, "Bake", "{\"release\": "
                + RELEASE + ", \"shift\": {\"shiftedAt\": \"2026-11-26T06:00:30Z\", \"percent\": 50},"
                + " \"step\": {\"index\": 1, \"lastIndex\": 2, \"percent\": 50, \"bakeSeconds\": 60,"
                + " \"extensions\": 0}, \"bake\": {\"action\": \"WAIT\", \"waitSeconds\": 2}}"));

        ExecutionFacts facts = ExecutionFacts.from(running(), events);

        assertThat(facts.waiting()).isEqualTo(new ExecutionFacts.Wait("Bake", "bake", T0.plusSeconds(30), 60L));
        assertThat(WatchView.waiting(facts.waiting(), T0.plusSeconds(42), WatchView.Display.LIVE))
                .isEqualTo("bake: 48 s left of 60 s (until 06:01:30Z)");
    }

    @Test
    void from_onePollOfTheTerminationWait_isTheWholeWait() {
        List<HistoryEvent> events = List.of(entered(50, HistoryEventType.WAIT_STATE_ENTERED,
                "Keep blue for the termination wait", "{\"release\": " + RELEASE + ", \"termination\": "
                        + "{\"since\": \"2026-11-26T06:00:45Z\", \"seconds\": 300}, \"hold\": {\"waitSeconds\": 5}}"));

        ExecutionFacts facts = ExecutionFacts.from(running(), events);

        assertThat(facts.waiting()).isEqualTo(new ExecutionFacts.Wait("Keep blue for the termination wait",
                "termination wait", T0.plusSeconds(45), 300L));
    }

    @Test
    void from_aWaitThatWasLeft_isNotWaitingAnyMore_andANewerVerificationGivesTheHealth() {
        List<HistoryEvent> oldestFirst = new ArrayList<>();
        oldestFirst.add(exited(5, "Check green health", "{\"release\": " + RELEASE + ", \"health\": {\"healthy\": true,"
                + " \"healthyTargets\": 1, \"desiredCount\": 2, \"runningCount\": 2}}"));
        oldestFirst.add(entered(6, HistoryEventType.WAIT_STATE_ENTERED, "Wait for green", "{\"release\": " + RELEASE + "}"));
        oldestFirst.add(exited(11, "Wait for green", "{\"release\": " + RELEASE + "}"));
        oldestFirst.add(exited(12, "Verify before shift", "{\"release\": " + RELEASE
                + ", \"verify\": {\"ok\": true, \"healthy\": 2}}"));
        oldestFirst.add(entered(13, HistoryEventType.TASK_STATE_ENTERED, "Shift traffic", "{\"release\": " + RELEASE + "}"));

        ExecutionFacts facts = ExecutionFacts.from(running(), newestFirst(oldestFirst));

        assertThat(facts.state()).isEqualTo("Shift traffic");
        assertThat(facts.waiting()).isNull();
        assertThat(facts.health()).isEqualTo(new ExecutionFacts.Health(2, null, null, T0.plusSeconds(12),
                "Verify before shift"));
    }

    @Test
    void from_theHealthPoll_readsItsSecondsFromThePlan() {
        List<HistoryEvent> events = List.of(entered(6, HistoryEventType.WAIT_STATE_ENTERED, "Wait for green",
                "{\"release\": " + RELEASE + "}"));

        ExecutionFacts facts = ExecutionFacts.from(running(), events);

        assertThat(facts.waiting()).isEqualTo(new ExecutionFacts.Wait("Wait for green", "health poll",
                T0.plusSeconds(6), 5L));
    }

    @Test
    void from_anEndedExecution_hasItsErrorAndNoWait() {
        DescribeExecutionResponse failed = DescribeExecutionResponse.builder().executionArn(Fixtures.EXECUTION)
                .status(ExecutionStatus.FAILED).error("States.Runtime").cause("Not a successful image push").build();
        List<HistoryEvent> events = List.of(entered(2, HistoryEventType.WAIT_STATE_ENTERED, "Bake", "{}"));

        ExecutionFacts facts = ExecutionFacts.from(failed, events);

        assertThat(facts.failed()).isTrue();
        assertThat(facts.error()).isEqualTo("States.Runtime");
        assertThat(facts.waiting()).isNull();
        assertThat(facts.planSteps()).isNull();
    }

    private static DescribeExecutionResponse running() {
        return DescribeExecutionResponse.builder().executionArn(Fixtures.EXECUTION).status(ExecutionStatus.RUNNING)
                .build();
    }

    private static List<HistoryEvent> newestFirst(List<HistoryEvent> oldestFirst) {
        List<HistoryEvent> events = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(events);
        return events;
    }

    private HistoryEvent entered(int second, HistoryEventType type, String name, String input) {
        return HistoryEvent.builder().id(++id).type(type).timestamp(T0.plusSeconds(second))
                .stateEnteredEventDetails(d -> d.name(name).input(input)).build();
    }

    private HistoryEvent exited(int second, String name, String output) {
        return HistoryEvent.builder().id(++id).type(HistoryEventType.TASK_STATE_EXITED).timestamp(T0.plusSeconds(second))
                .stateExitedEventDetails(d -> d.name(name).output(output)).build();
    }
}
