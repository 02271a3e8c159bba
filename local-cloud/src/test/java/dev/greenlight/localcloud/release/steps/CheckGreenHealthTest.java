package dev.greenlight.localcloud.release.steps;

import static dev.greenlight.localcloud.release.steps.StepFixture.now;
import static dev.greenlight.localcloud.release.steps.StepFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.steps.CheckGreenHealth;
import dev.greenlight.release.steps.DeployGreen;
import dev.greenlight.release.store.Progress;

/** Check green: "not yet" is an answer to ask again, healthy once every desired task is a healthy target. */
@Timeout(120)
class CheckGreenHealthTest {

    @TempDir
    Path dir;
    StepFixture rig;
    CheckGreenHealth check;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        check = new CheckGreenHealth(rig.lease, rig.services, rig.traffic, rig.records);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void greenJustDeployed_isNotHealthyYet_thenHealthy_andEachCheckIsRecorded() {
        // given green just created: its task still starting, no health check passed
        ReleaseContext release = rig.proceed(rig.push("v1"));
        new DeployGreen(rig.lease, rig.services, rig.traffic, rig.properties.testListenerArn(), rig.records,
                rig.timeline).apply(request(release, now()));
        String first = now();

        // when
        CheckGreenHealth.Result notYet = check.apply(request(release, first));

        // then
        assertThat(notYet.healthy()).isFalse();
        assertThat(notYet.checkedAt()).isEqualTo(first);
        assertThat(notYet.healthyTargets()).isZero();
        assertThat(notYet.desiredCount()).isEqualTo(1);
        Progress progress = rig.record(release).progress();
        assertThat(progress.health()).isEqualTo(new Progress.Health(0, 1, notYet.runningCount(), first,
                "health check"));
        assertThat(progress.hold().reason()).as("still waiting for green").isEqualTo(Progress.Reason.GREEN_HEALTH);

        // when asked again once green's task passed its health checks
        rig.awaitHealthy(rig.targetGroupA);
        String second = now();
        CheckGreenHealth.Result healthy = check.apply(request(release, second));

        // then
        assertThat(healthy.healthy()).isTrue();
        assertThat(healthy.healthyTargets()).isEqualTo(1);
        assertThat(healthy.runningCount()).isEqualTo(1);
        progress = rig.record(release).progress();
        assertThat(progress.health()).isEqualTo(new Progress.Health(1, 1, 1, second, "health check"));
        assertThat(progress.hold()).as("the wait for green is over").isNull();
    }

    @Test
    void greenServiceMissing_isAnError_notAWait() {
        ReleaseContext release = rig.proceed(rig.push("v1"));

        assertThatThrownBy(() -> check.apply(request(release, now())))
                .isInstanceOf(CheckGreenHealth.GreenServiceMissingException.class)
                .hasMessageContaining("blog-a");
        assertThat(rig.record(release).progress().health()).isNull();
    }
}
