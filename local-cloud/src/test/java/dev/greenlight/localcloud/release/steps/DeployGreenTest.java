package dev.greenlight.localcloud.release.steps;

import static dev.greenlight.localcloud.release.steps.StepFixture.CLUSTER;
import static dev.greenlight.localcloud.release.steps.StepFixture.HEALTH_TIMEOUT_SECONDS;
import static dev.greenlight.localcloud.release.steps.StepFixture.now;
import static dev.greenlight.localcloud.release.steps.StepFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.steps.DeployGreen;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseLockLostException;
import software.amazon.awssdk.services.ecs.model.Service;

/** Deploy green: the green service in the idle slot, and the test listener pointed at it. */
@Timeout(120)
class DeployGreenTest {

    @TempDir
    Path dir;
    StepFixture rig;
    DeployGreen deploy;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        deploy = new DeployGreen(rig.lease, rig.services, rig.traffic, rig.properties.testListenerArn(), rig.records,
                rig.timeline);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void deploy_createsTheGreenService_andPointsTheTestListenerAtIt() {
        // given
        ReleaseContext release = rig.proceed(rig.push("v1"));
        assertThat(rig.testWeights()).isEqualTo(Map.of(rig.targetGroupB, 1));
        String now = now();

        // when
        DeployGreen.Result result = deploy.apply(request(release, now));

        // then
        String deadline = Instant.parse(now).plusSeconds(HEALTH_TIMEOUT_SECONDS).toString();
        assertThat(result).isEqualTo(new DeployGreen.Result("blog-a", release.taskDefinitionArn(), deadline));
        Service green = rig.services.active("blog-a").orElseThrow();
        assertThat(green.taskDefinition()).isEqualTo(release.taskDefinitionArn());
        assertThat(green.desiredCount()).isEqualTo(1);
        assertThat(green.loadBalancers()).singleElement()
                .satisfies(lb -> assertThat(lb.targetGroupArn()).isEqualTo(rig.targetGroupA));
        assertThat(rig.testWeights()).isEqualTo(Map.of(rig.targetGroupA, 1));
        assertThat(rig.weights()).as("no production traffic yet").isEqualTo(Map.of("A", 100, "B", 0));
        assertThat(rig.record(release).progress().hold())
                .isEqualTo(new Progress.Hold(Progress.Reason.GREEN_HEALTH, now, HEALTH_TIMEOUT_SECONDS));
        assertThat(rig.record(release).timeline()).extracting(Decision::kind).containsExactly("prepared", "deployed");
    }

    @Test
    void deployTwice_isTheSameAsOnce() {
        ReleaseContext release = rig.proceed(rig.push("v1"));
        StepRequest request = request(release, now());
        DeployGreen.Result once = deploy.apply(request);
        Service afterOnce = rig.services.active("blog-a").orElseThrow();

        DeployGreen.Result twice = deploy.apply(request);

        assertThat(twice).isEqualTo(once);
        Service afterTwice = rig.services.active("blog-a").orElseThrow();
        assertThat(afterTwice.serviceArn()).isEqualTo(afterOnce.serviceArn());
        assertThat(afterTwice.deployments()).hasSameSizeAs(afterOnce.deployments());
        assertThat(rig.cloud.cloud.ecs().listServices(r -> r.cluster(CLUSTER)).serviceArns()).hasSize(1);
        assertThat(rig.testWeights()).isEqualTo(Map.of(rig.targetGroupA, 1));
        assertThat(rig.record(release).timeline()).filteredOn(d -> d.kind().equals("deployed")).hasSize(1);
    }

    @Test
    void secondRelease_deploysToSlotB_andLeavesBlueAlone() {
        ReleaseContext release = rig.releaseOverBlue();
        Service blue = rig.services.active("blog-a").orElseThrow();

        DeployGreen.Result result = deploy.apply(request(release, now()));

        assertThat(result.serviceName()).isEqualTo("blog-b");
        assertThat(rig.activeServices()).containsExactly("blog-a", "blog-b");
        assertThat(rig.services.active("blog-a").orElseThrow().taskDefinition()).isEqualTo(blue.taskDefinition());
        assertThat(rig.testWeights()).isEqualTo(Map.of(rig.targetGroupB, 1));
    }

    @Test
    void releaseWhoseLockPassedToAnother_isRefused_andDeploysNothing() {
        ReleaseContext release = rig.proceed(rig.push("v1"));
        rig.passLockTo("20990101T000000Z-newer", release);

        assertThatThrownBy(() -> deploy.apply(request(release, now()))).isInstanceOf(ReleaseLockLostException.class);
        assertThat(rig.activeServices()).isEmpty();
        assertThat(rig.testWeights()).isEqualTo(Map.of(rig.targetGroupB, 1));
    }
}
