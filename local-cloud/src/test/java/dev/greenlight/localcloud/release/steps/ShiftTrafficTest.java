package dev.greenlight.localcloud.release.steps;

import static dev.greenlight.localcloud.release.steps.StepFixture.now;
import static dev.greenlight.localcloud.release.steps.StepFixture.request;
import static dev.greenlight.localcloud.release.steps.StepFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.steps.ShiftTraffic;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecord;

/** Shift: green's share to the step's percent, read back, recorded with the step and its bake. */
@Timeout(120)
class ShiftTrafficTest {

    @TempDir
    Path dir;
    StepFixture rig;
    ShiftTraffic shift;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        shift = new ShiftTraffic(rig.lease, rig.listener, rig.records, rig.timeline);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void shift_setsTheStepsWeights_andRecordsTheStepAndItsBake() {
        // given
        ReleaseContext release = rig.releaseOverBlue();
        StepRequest.Step half = step(0, 50, 4);
        String now = now();

        // when
        ShiftTraffic.Result result = shift.apply(request(release, half, now));

        // then
        assertThat(result).isEqualTo(new ShiftTraffic.Result(now, now, 50, Map.of("A", 50, "B", 50)));
        assertThat(rig.weights()).isEqualTo(Map.of("A", 50, "B", 50));
        ReleaseRecord record = rig.record(release);
        assertThat(record.percent()).isEqualTo(50);
        assertThat(record.weights()).isEqualTo(Map.of("A", 50, "B", 50));
        assertThat(record.progress().step()).isEqualTo(half);
        assertThat(record.progress().hold()).isEqualTo(new Progress.Hold(Progress.Reason.BAKE, now, 4));
        assertThat(record.timeline()).filteredOn(d -> d.kind().equals("shifted")).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("50% of traffic to green"));
    }

    @Test
    void nextStep_keepsWhenGreenFirstGotTraffic() {
        ReleaseContext release = rig.releaseOverBlue();
        String first = now();
        shift.apply(request(release, step(0, 50, 4), first));
        StepRequest.Step full = new StepRequest.Step(1, 1, 100, 4, 0, false, first);

        ShiftTraffic.Result result = shift.apply(request(release, full, now()));

        assertThat(result.firstShiftedAt()).isEqualTo(first);
        assertThat(rig.weights()).isEqualTo(Map.of("A", 0, "B", 100));
        assertThat(rig.record(release).progress().step()).isEqualTo(full);
    }

    @Test
    void shiftTwice_isTheSameAsOnce() {
        ReleaseContext release = rig.releaseOverBlue();
        StepRequest request = request(release, step(0, 50, 4), now());
        ShiftTraffic.Result once = shift.apply(request);

        ShiftTraffic.Result twice = shift.apply(request);

        assertThat(twice).isEqualTo(once);
        assertThat(rig.weights()).isEqualTo(Map.of("A", 50, "B", 50));
        assertThat(rig.record(release).timeline()).filteredOn(d -> d.kind().equals("shifted")).hasSize(1);
    }

    @Test
    void stepWithoutBake_recordsNoHold() {
        ReleaseContext release = rig.proceed(rig.push("v1"));
        StepRequest.Step straightToFull = new StepRequest.Step(0, 0, 100, 0, 0, true, null);

        shift.apply(request(release, straightToFull, now()));

        ReleaseRecord record = rig.record(release);
        assertThat(record.progress().step()).isEqualTo(straightToFull);
        assertThat(record.progress().hold()).isNull();
        assertThat(record.percent()).isEqualTo(100);
    }

    @Test
    void weightsChangedOutsideTheRelease_areNotOverwritten() {
        ReleaseContext release = rig.releaseOverBlue();
        rig.setWeights(90, 10);

        assertThatThrownBy(() -> shift.apply(request(release, step(0, 50, 4), now())))
                .isInstanceOf(ShiftTraffic.WeightsChangedException.class)
                .hasMessage("the listener weights were changed outside this release: expected {A=100, B=0},"
                        + " found {A=90, B=10}");
        assertThat(rig.weights()).isEqualTo(Map.of("A", 90, "B", 10));
        ReleaseRecord record = rig.record(release);
        assertThat(record.percent()).isNull();
        assertThat(record.progress().step()).isNull();
        assertThat(record.timeline()).noneMatch(d -> d.kind().equals("shifted"));
    }
}
