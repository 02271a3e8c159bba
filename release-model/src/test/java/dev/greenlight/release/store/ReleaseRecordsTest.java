package dev.greenlight.release.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.release.Control;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;

class ReleaseRecordsTest {

    private final ReleaseRecords records = new ReleaseRecords(Dynalite.shared().client(), "Releases");
    private final ReleaseQueue queue = new ReleaseQueue(Dynalite.shared().client(), "Releases");

    @BeforeEach
    void emptyTable() {
        Dynalite.shared().recreate(ReleasesTable.createRequest("Releases"));
    }

    @Test
    void start_isIdempotentAndKeepsTheFirstState() {
        records.start("blog", "20261126T060000Z-v2", "exec-1", "v2", "sha256:aa", ReleaseState.QUEUED, "t0");
        records.setState("blog", "20261126T060000Z-v2", ReleaseState.IN_PROGRESS, null, "t1");

        records.start("blog", "20261126T060000Z-v2", "exec-1", "v2", "sha256:aa", ReleaseState.QUEUED, "t2");

        ReleaseRecord record = records.find("blog", "20261126T060000Z-v2").orElseThrow();
        assertThat(record.state()).isEqualTo(ReleaseState.IN_PROGRESS);
        assertThat(record.startedAt()).isEqualTo("t0");
        assertThat(record.endedAt()).isNull();
    }

    @Test
    void record_writtenTwiceKeepsOneEntry_andTimelineIsInOrder() {
        records.start("blog", "r1", "exec-1", "v2", "sha256:aa", ReleaseState.IN_PROGRESS, "t0");
        Decision shift = new Decision("2026-11-26T06:00:05.000Z", "shifted", "10% to green", "{\"A\":90,\"B\":10}");
        Decision prepare = new Decision("2026-11-26T06:00:01.000Z", "prepared", "slot B", null);

        records.record("blog", "r1", shift);
        records.record("blog", "r1", shift);
        records.record("blog", "r1", prepare);

        assertThat(records.find("blog", "r1").orElseThrow().timeline()).containsExactly(prepare, shift);
    }

    @Test
    void proceed_movesAQueuedReleaseOn_withItsSlotPlanAndForecast_andEndsItsWaitInTheQueue() {
        records.start("blog", "r1", "exec-1", "v2", "sha256:aa", ReleaseState.QUEUED, "t0");
        records.setHold("blog", "r1", new Progress.Hold(Progress.Reason.QUEUE, "2026-11-26T06:00:00Z", 30));
        Forecast forecast = new Forecast(95.5, 138, 60.0, "RELEASED");

        records.proceed("blog", "r1", "B", List.of(10, 50, 100), forecast);

        ReleaseRecord record = records.find("blog", "r1").orElseThrow();
        assertThat(record.state()).isEqualTo(ReleaseState.IN_PROGRESS);
        assertThat(record.greenSlot()).isEqualTo("B");
        assertThat(record.forecast()).isEqualTo(forecast);
        assertThat(record.progress()).isEqualTo(new Progress(List.of(10, 50, 100), null, null, null));
        assertThat(record.endedAt()).isNull();
    }

    @Test
    void progress_isEmptyUntilStepsRecordIt_andEachPartIsReadBackAsWritten() {
        records.start("blog", "r1", "exec-1", "v2", "sha256:aa", ReleaseState.IN_PROGRESS, "t0");
        assertThat(records.find("blog", "r1").orElseThrow().progress()).isEqualTo(Progress.NONE);

        StepRequest.Step step = new StepRequest.Step(1, 2, 50, 40, 1, false, "2026-11-26T06:00:05Z");
        Progress.Health health = new Progress.Health(2, 2, 2, "2026-11-26T06:00:04Z", "health check");
        Progress.Hold bake = new Progress.Hold(Progress.Reason.BAKE, "2026-11-26T06:01:00Z", 40);
        records.proceed("blog", "r1", "B", List.of(10, 50, 100), null);
        records.setStep("blog", "r1", step);
        records.setHealth("blog", "r1", health);
        records.setHold("blog", "r1", bake);

        assertThat(records.find("blog", "r1").orElseThrow().progress())
                .isEqualTo(new Progress(List.of(10, 50, 100), step, health, bake));

        records.setHold("blog", "r1", null);
        assertThat(records.find("blog", "r1").orElseThrow().progress().hold()).isNull();
        assertThat(records.find("blog", "r1").orElseThrow().progress().step()).isEqualTo(step);
    }

    @Test
    void finalState_recordsReasonAndEnd() {
        records.start("blog", "r1", "exec-1", "v2", "sha256:aa", ReleaseState.IN_PROGRESS, "t0");
        records.setTraffic("blog", "r1", 50, Map.of("A", 50, "B", 50));

        records.setState("blog", "r1", ReleaseState.ROLLED_BACK, "gate FAIL at 50%", "t9");

        ReleaseRecord record = records.find("blog", "r1").orElseThrow();
        assertThat(record.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(record.reason()).isEqualTo("gate FAIL at 50%");
        assertThat(record.endedAt()).isEqualTo("t9");
        assertThat(record.percent()).isEqualTo(50);
        assertThat(record.weights()).containsEntry("A", 50).containsEntry("B", 50);
    }

    @Test
    void controls_areSetOnRunningReleasesOnly() {
        records.start("blog", "r1", "exec-1", "v2", "sha256:aa", ReleaseState.IN_PROGRESS, "t0");

        records.setControl("blog", "r1", Control.PAUSE, "ops", "t1");
        records.setControl("blog", "r1", Control.PROMOTE, "ops", "t2");
        assertThat(records.find("blog", "r1").orElseThrow().controls()).containsOnlyKeys("PAUSE", "PROMOTE")
                .containsEntry("PAUSE", "ops at t1");
        records.setControl("blog", "r1", Control.RESUME, "ann", "t3");
        ReleaseRecord resumed = records.find("blog", "r1").orElseThrow();
        assertThat(resumed.activeControls()).containsOnlyKeys("PROMOTE");
        assertThat(resumed.controls()).as("who resumed, for the timeline").containsEntry("RESUME", "ann at t3")
                .doesNotContainKey("PAUSE");

        records.setState("blog", "r1", ReleaseState.RELEASED, "done", "t4");
        assertThatThrownBy(() -> records.setControl("blog", "r1", Control.ABORT, "ops", "t5"))
                .isInstanceOf(ReleaseNotRunningException.class);
        assertThatThrownBy(() -> records.setControl("blog", "nope", Control.ABORT, "ops", "t5"))
                .isInstanceOf(ReleaseNotRunningException.class);
    }

    @Test
    void history_isNewestFirst() {
        records.start("blog", "20261126T060000Z-v2", "e2", "v2", "sha256:b", ReleaseState.IN_PROGRESS, "t");
        records.start("blog", "20261125T060000Z-v1", "e1", "v1", "sha256:a", ReleaseState.RELEASED, "t");
        records.start("blog", "20261127T060000Z-v3", "e3", "v3", "sha256:c", ReleaseState.QUEUED, "t");

        assertThat(records.history("blog", 10)).extracting(ReleaseRecord::tag).containsExactly("v3", "v2", "v1");
        assertThat(records.history("blog", 2)).hasSize(2);
    }

    @Test
    void queue_knowsWhetherANewerPushWaits() {
        queue.enter("blog", "20261126T060000Z-v2", "e2");
        queue.enter("blog", "20261126T060001Z-v3", "e3");
        queue.enter("blog", "20261126T060000Z-v2", "e2");

        assertThat(queue.waiting("blog")).containsExactly("20261126T060000Z-v2", "20261126T060001Z-v3");
        assertThat(queue.newerWaiting("blog", "20261126T060000Z-v2")).isTrue();
        assertThat(queue.newerWaiting("blog", "20261126T060001Z-v3")).isFalse();

        queue.leave("blog", "20261126T060001Z-v3");
        assertThat(queue.newerWaiting("blog", "20261126T060000Z-v2")).isFalse();
    }
}
