package dev.greenlight.localcloud.release.steps;

import static dev.greenlight.localcloud.release.steps.StepFixture.now;
import static dev.greenlight.localcloud.release.steps.StepFixture.request;
import static dev.greenlight.localcloud.release.steps.StepFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.greenlight.release.steps.DeployGreen;
import dev.greenlight.release.steps.RollBack;
import dev.greenlight.release.steps.ShiftTraffic;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;

/** Roll back: all traffic to blue, blue at its desired count, green deleted, the lock given up. */
@Timeout(120)
class RollBackTest {

    private static final StepRequest.Failure GATE_FAILED = new StepRequest.Failure("Release.GateFailed",
            "{\"errorType\": \"GateFailedException\", \"errorMessage\": \"FAIL at 50%: green's 5xx rate is too high\"}");

    @TempDir
    Path dir;
    StepFixture rig;
    RollBack rollBack;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        rollBack = new RollBack(rig.lease, rig.listener, rig.services, rig.traffic, rig.records, rig.timeline);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void rollBack_returnsTrafficToBlue_scalesBlue_andDeletesGreen() {
        // given green deployed and at 50%, blue scaled in to nothing
        ReleaseContext release = halfOnGreen();
        String now = now();

        // when
        RollBack.Result result = rollBack.apply(failed(release, now));

        // then
        String reason = "Release.GateFailed: FAIL at 50%: green's 5xx rate is too high";
        assertThat(result.rolledBack()).isTrue();
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.weights()).isEqualTo(Map.of("A", 100, "B", 0));
        assertThat(rig.weights()).isEqualTo(Map.of("A", 100, "B", 0));
        assertThat(rig.services.active("blog-b")).as("green is deleted").isEmpty();
        assertThat(rig.services.active("blog-a").orElseThrow().desiredCount()).as("blue back at its desired count")
                .isEqualTo(1);
        ReleaseRecord record = rig.record(release);
        assertThat(record.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(record.reason()).isEqualTo(reason);
        assertThat(record.endedAt()).isEqualTo(now);
        assertThat(record.percent()).isZero();
        assertThat(record.weights()).isEqualTo(Map.of("A", 100, "B", 0));
        assertThat(record.progress().hold()).isNull();
        assertThat(record.timeline()).extracting(Decision::kind).contains("rolled-back");
        assertThat(rig.lockHolder()).isEmpty();
    }

    @Test
    void rollBackAgain_isTheSameAsOnce() {
        ReleaseContext release = halfOnGreen();
        StepRequest request = failed(release, now());
        RollBack.Result once = rollBack.apply(request);

        RollBack.Result again = rollBack.apply(request);

        assertThat(again.rolledBack()).isTrue();
        assertThat(again.weights()).isEqualTo(once.weights());
        assertThat(rig.weights()).isEqualTo(Map.of("A", 100, "B", 0));
        assertThat(rig.activeServices()).containsExactly("blog-a");
        assertThat(rig.record(release).timeline()).filteredOn(d -> d.kind().equals("rolled-back")).hasSize(1);
    }

    @Test
    void lockHeldByAnotherRelease_touchesNothing() {
        // given this release's lock passed to a newer one, which now owns the traffic
        ReleaseContext release = halfOnGreen();
        rig.passLockTo("20990101T000000Z-newer", release);

        // when
        RollBack.Result result = rollBack.apply(failed(release, now()));

        // then
        assertThat(result.rolledBack()).isFalse();
        assertThat(result.weights()).isEqualTo(Map.of("A", 50, "B", 50));
        assertThat(rig.weights()).isEqualTo(Map.of("A", 50, "B", 50));
        assertThat(rig.activeServices()).containsExactly("blog-a", "blog-b");
        assertThat(rig.services.active("blog-a").orElseThrow().desiredCount()).isZero();
        ReleaseRecord record = rig.record(release);
        assertThat(record.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(record.reason()).endsWith("(the lock had passed to 20990101T000000Z-newer; traffic left to it)");
        assertThat(rig.lockHolder()).contains("20990101T000000Z-newer");
    }

    /** A release over blue (running no task) whose green is deployed and has half the traffic. */
    private ReleaseContext halfOnGreen() {
        ReleaseContext release = rig.releaseOverBlue();
        new DeployGreen(rig.lease, rig.services, rig.traffic, rig.properties.testListenerArn(), rig.records,
                rig.timeline).apply(request(release, now()));
        new ShiftTraffic(rig.lease, rig.listener, rig.records, rig.timeline)
                .apply(request(release, step(0, 50, 4), now()));
        assertThat(rig.weights()).isEqualTo(Map.of("A", 50, "B", 50));
        return release;
    }

    private static StepRequest failed(ReleaseContext release, String now) {
        return new StepRequest(release, null, now, null, null, null, null, null, null, GATE_FAILED);
    }
}
