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
import dev.greenlight.release.steps.DeployGreen;
import dev.greenlight.release.steps.VerifyTraffic;
import dev.greenlight.release.store.Progress;

/** Verify, before each shift: the weights are the release's own, and green has its desired healthy targets. */
@Timeout(120)
class VerifyTrafficTest {

    @TempDir
    Path dir;
    StepFixture rig;
    VerifyTraffic verify;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        verify = new VerifyTraffic(rig.lease, rig.listener, rig.traffic, rig.records,
                rig.properties.task().desiredCount());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void weightsAsFound_andGreenHealthy_isOk_andRecordsGreensHealth() {
        // given
        ReleaseContext release = rig.proceed(rig.push("v1"));
        new DeployGreen(rig.lease, rig.services, rig.traffic, rig.properties.testListenerArn(), rig.records,
                rig.timeline).apply(request(release, now()));
        rig.awaitHealthy(rig.targetGroupA);
        String now = now();

        // when
        VerifyTraffic.Result result = verify.apply(request(release, step(0, 100, 0), now));

        // then
        assertThat(result.ok()).as(result.reason()).isTrue();
        assertThat(result.weights()).isEqualTo(Map.of("A", 100, "B", 0));
        assertThat(result.healthy()).isEqualTo(1);
        assertThat(rig.record(release).progress().health())
                .isEqualTo(new Progress.Health(1, null, null, now, "check before shift"));
    }

    @Test
    void weightsChangedOutsideTheRelease_isNotOk_andLeavesThemAsFound() {
        ReleaseContext release = rig.releaseOverBlue();
        rig.setWeights(80, 20);

        VerifyTraffic.Result result = verify.apply(request(release, step(0, 50, 4), now()));

        assertThat(result.ok()).isFalse();
        assertThat(result.reason()).isEqualTo("the listener weights were changed outside this release: expected"
                + " {A=100, B=0}, found {A=80, B=20}");
        assertThat(result.weights()).isEqualTo(Map.of("A", 80, "B", 20));
        assertThat(rig.weights()).isEqualTo(Map.of("A", 80, "B", 20));
    }

    @Test
    void greenWithoutItsDesiredHealthyTargets_isNotOk() {
        ReleaseContext release = rig.releaseOverBlue();

        VerifyTraffic.Result result = verify.apply(request(release, step(0, 50, 4), now()));

        assertThat(result.ok()).isFalse();
        assertThat(result.reason()).isEqualTo("green has 0 healthy targets of 1 desired; not shifting to 50%");
        assertThat(result.healthy()).isZero();
    }
}
