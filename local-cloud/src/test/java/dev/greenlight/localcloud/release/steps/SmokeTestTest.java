package dev.greenlight.localcloud.release.steps;

import static dev.greenlight.localcloud.release.steps.StepFixture.now;
import static dev.greenlight.localcloud.release.steps.StepFixture.request;
import static dev.greenlight.localcloud.release.steps.StepFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.release.GateAction;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.steps.DeployGreen;
import dev.greenlight.release.steps.EvaluateGate;
import dev.greenlight.release.steps.SmokeTest;
import dev.greenlight.release.store.Decision;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The smoke test, through the test listener: every path must answer 200 from the pushed version, whose tag the
 * TestApp reports in X-App-Version as the blog does.
 */
@Timeout(120)
class SmokeTestTest {

    private static final List<String> PATHS = List.of("/", "/actuator/health/readiness");
    private static final int REQUESTS = 3;

    @TempDir
    Path dir;
    StepFixture rig;
    SmokeTest smoke;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        smoke = new SmokeTest(rig.properties.testListenerUrl(), PATHS, REQUESTS);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void healthyGreenOfThePushedVersion_passes() {
        ReleaseContext release = rig.proceed(rig.push("v1"));
        new DeployGreen(rig.lease, rig.services, rig.traffic, rig.properties.testListenerArn(), rig.records,
                rig.timeline).apply(request(release, now()));
        rig.awaitHealthy(rig.targetGroupA);

        SmokeTest.Result result = smoke.apply(request(release, now()));

        assertThat(result.passed()).as(result.reason()).isTrue();
        assertThat(result.reason()).isEqualTo("every smoke path answered 200 from v1 3 times");
        assertThat(result.checked()).containsExactly("/ -> 200 v1 (x3)", "/actuator/health/readiness -> 200 v1 (x3)");
    }

    @Test
    void theSmokeTestsRequests_whichGreensMetricsCount_areLeftOutOfTheGatesFirstWindow() {
        ReleaseContext release = rig.proceed(rig.push("v1"));
        new DeployGreen(rig.lease, rig.services, rig.traffic, rig.properties.testListenerArn(), rig.records,
                rig.timeline).apply(request(release, now()));
        rig.awaitHealthy(rig.targetGroupA);

        SmokeTest.Result result = smoke.apply(request(release, now()));

        assertThat(result.answered()).allSatisfy(second -> assertThat(second.requests()).isPositive());
        assertThat(result.answered().stream().mapToLong(StepRequest.Answered::requests).sum())
                .isEqualTo(PATHS.size() * REQUESTS);
        // a shift late in the smoke test's first second: CloudWatch counts the window from that second's start
        Instant shift = Instant.parse(result.answered().get(0).second()).plusMillis(999);
        Instant end = shift.plusSeconds(2);
        long counted = rig.metrics.targetGroup(release.green().targetGroupArn(), shift, end).requests();
        assertThat(counted).as("green's RequestCount in the window holds smoke requests").isPositive();

        EvaluateGate.Result gate = new EvaluateGate(rig.lease, rig.gate, rig.records, rig.timeline).apply(
                new StepRequest(release, step(0, 50, 2), null, null, null, null, shift.toString(), end.toString(),
                        result.answered(), null));

        assertThat(gate.action()).isEqualTo(GateAction.PROCEED);
        Decision decision = rig.record(release).timeline().stream().filter(d -> d.kind().equals("gate"))
                .findFirst().orElseThrow();
        assertThat(decision.message()).contains("green 5xx 0/0");
        JsonNode metrics = JsonMapper.builder().build().readTree(decision.evidence()).path("metrics");
        assertThat(metrics.path("green").path("requests").asLong()).isZero();
        // the client notes a request's second once it has the answer, never before the balancer counted it
        assertThat(metrics.path("smokeRequests").asLong()).isBetween(counted, (long) PATHS.size() * REQUESTS);
    }

    @Test
    void answersFromAnotherVersion_fail() {
        // given the test listener still on blue, which runs v1, while v2 is released
        rig.liveBlue(rig.push("v1"), 1);
        rig.awaitHealthy(rig.targetGroupA);
        rig.cloud.shift(rig.test.arn(), Map.of(rig.targetGroupA, 1));
        ReleaseContext release = rig.proceed(rig.push("v2"));

        // when
        SmokeTest.Result result = smoke.apply(request(release, now()));

        // then
        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("smoke test of / failed on request 1: answered by version v1, not v2");
        assertThat(result.checked()).containsExactly("/ -> 200 v1");
    }

    @Test
    void noHealthyTargetBehindTheTestListener_fails() {
        ReleaseContext release = rig.proceed(rig.push("v1"));

        SmokeTest.Result result = smoke.apply(request(release, now()));

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("smoke test of / failed on request 1: status 503");
    }
}
