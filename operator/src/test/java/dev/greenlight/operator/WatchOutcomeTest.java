package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.release.ReleaseState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class WatchOutcomeTest {

    @ParameterizedTest
    @CsvSource({"RELEASED, ENDED_WELL", "NOOP, ENDED_WELL", "SUPERSEDED, ENDED_WELL", "ROLLED_BACK, ENDED_BADLY",
            "ABANDONED, ENDED_BADLY", "IN_PROGRESS, RUNNING", "QUEUED, RUNNING"})
    void aRecordInAFinalState_decides_evenWhileItsExecutionRuns(ReleaseState state, WatchCommand.Outcome outcome) {
        assertThat(WatchCommand.outcome(Fixtures.ended("r", "v1", state, null, null, null), execution("RUNNING")))
                .isEqualTo(outcome);
    }

    @ParameterizedTest
    @CsvSource({"RUNNING, RUNNING", "SUCCEEDED, ENDED_WELL", "FAILED, ENDED_BADLY", "ABORTED, ENDED_BADLY",
            "TIMED_OUT, ENDED_BADLY"})
    void withoutAFinalRecord_theExecutionDecides(String status, WatchCommand.Outcome outcome) {
        assertThat(WatchCommand.outcome(Fixtures.inProgress(), execution(status))).isEqualTo(outcome);
        assertThat(WatchCommand.outcome(null, execution(status))).isEqualTo(outcome);
    }

    @ParameterizedTest
    @EnumSource(value = ReleaseState.class, names = {"QUEUED", "IN_PROGRESS"})
    void withoutAnExecution_anOpenReleaseKeepsRunning(ReleaseState state) {
        assertThat(WatchCommand.outcome(Fixtures.ended("r", "v1", state, null, null, null), null))
                .isEqualTo(WatchCommand.Outcome.RUNNING);
    }

    private static Execution execution(String status) {
        return new Execution(Fixtures.EXECUTION, status, null, null);
    }
}
