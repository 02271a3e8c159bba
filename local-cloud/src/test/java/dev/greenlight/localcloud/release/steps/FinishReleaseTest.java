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
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.steps.FinishRelease;
import dev.greenlight.release.steps.ShiftTraffic;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;

/** Finish, after 100% and the termination wait: blue is deleted, the release ends RELEASED, the lock is free. */
@Timeout(120)
class FinishReleaseTest {

    @TempDir
    Path dir;
    StepFixture rig;
    FinishRelease finish;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        finish = new FinishRelease(rig.lease, rig.listener, rig.services, rig.records, rig.timeline);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void greenAtFullTraffic_deletesBlue_andEndsTheRelease() {
        // given all traffic on green (slot B)
        ReleaseContext release = rig.releaseOverBlue();
        StepRequest.Step full = step(1, 100, 0);
        new ShiftTraffic(rig.lease, rig.listener, rig.records, rig.timeline).apply(request(release, full, now()));
        String now = now();

        // when
        FinishRelease.Result result = finish.apply(request(release, full, now));

        // then
        assertThat(result).isEqualTo(new FinishRelease.Result("blog-a", Map.of("A", 0, "B", 100)));
        assertThat(rig.services.active("blog-a")).as("blue is deleted").isEmpty();
        assertThat(rig.weights()).isEqualTo(Map.of("A", 0, "B", 100));
        ReleaseRecord record = rig.record(release);
        assertThat(record.state()).isEqualTo(ReleaseState.RELEASED);
        assertThat(record.reason()).isEqualTo("v2 released to 100%");
        assertThat(record.endedAt()).isEqualTo(now);
        assertThat(record.progress().hold()).isNull();
        assertThat(record.timeline()).filteredOn(d -> d.kind().equals("finished")).singleElement()
                .extracting(Decision::message).isEqualTo("v2 is live in slot B; blue blog-a removed");
        assertThat(rig.lockHolder()).isEmpty();
    }

    @Test
    void finishAgain_removesNothingMore_andKeepsTheReleaseEnded() {
        ReleaseContext release = rig.releaseOverBlue();
        StepRequest.Step full = step(1, 100, 0);
        new ShiftTraffic(rig.lease, rig.listener, rig.records, rig.timeline).apply(request(release, full, now()));
        StepRequest request = request(release, full, now());
        finish.apply(request);

        FinishRelease.Result again = finish.apply(request);

        assertThat(again.removedService()).isNull();
        assertThat(rig.record(release).state()).isEqualTo(ReleaseState.RELEASED);
        assertThat(rig.lockHolder()).isEmpty();
    }

    @Test
    void blueStillWeighted_isRefused_andBlueIsKept() {
        ReleaseContext release = rig.releaseOverBlue();

        assertThatThrownBy(() -> finish.apply(request(release, step(1, 100, 0), now())))
                .isInstanceOf(FinishRelease.BlueStillRoutedException.class)
                .hasMessage("blue (slot A) still has weight {A=100, B=0}; it cannot be removed");
        assertThat(rig.services.active("blog-a")).isPresent();
        assertThat(rig.record(release).state()).isEqualTo(ReleaseState.IN_PROGRESS);
        assertThat(rig.lockHolder()).contains(release.releaseId());
    }

    @Test
    void firstRelease_hasNoBlueToRemove() {
        ReleaseContext release = rig.proceed(rig.push("v1"));

        FinishRelease.Result result = finish.apply(request(release, now()));

        assertThat(result.removedService()).isNull();
        ReleaseRecord record = rig.record(release);
        assertThat(record.state()).isEqualTo(ReleaseState.RELEASED);
        assertThat(record.timeline()).extracting(Decision::message).contains("v1 is live in slot A");
        assertThat(rig.lockHolder()).isEmpty();
    }
}
