package dev.greenlight.localcloud.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.localcloud.LoadGenerator;
import dev.greenlight.localcloud.Poll;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.release.Control;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.ExecutionStatus;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The gate's pre-flight, its INCONCLUSIVE verdict with the requests it needs, and the PAUSE policy, on the local
 * cloud: the real workflow and functions, real blog processes, real ALB metrics, dynalite. The live version at
 * the start answers 5% of its pages with 500, so the first test finds blue missing the objective.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GateOnLocalCloudTest {

    @TempDir
    static Path dir;
    static ReleaseRig rig;

    @BeforeAll
    static void firstRelease() throws Exception {
        rig = new ReleaseRig(dir, Map.of("greenlight.smoke-paths", "/actuator/health/readiness"));
        // a first release has no blue and no gate: it goes live at once, errors and all
        Execution first = ReleaseRig.await(rig.release(rig.push("faulty", Map.of("BLOG_FAULTS_ERROR_RATE", "0.05")),
                null));
        assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @Order(1)
    void preflight_refusesARelease_whileBlueItselfMissesTheObjective() throws Exception {
        Map<String, Integer> weights = rig.weights();
        Image next = rig.push("refused", Map.of());

        Execution execution;
        try (LoadGenerator load = load(Duration.ofSeconds(60))) {
            // 20 s of readers on blue, then the push; the pre-flight judges blue's last 30 s
            Thread.sleep(20_000);
            execution = ReleaseRig.await(rig.release(next, null));
        }

        assertRefused(execution, next, weights);
        assertThat(execution.cause()).contains("pre-flight: blue misses the 99.90% objective");
        assertThat(record(next).timeline()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo("preflight");
            assertThat(d.evidence()).contains("\"missesObjective\":true");
        });
    }

    @Test
    @Order(2)
    void preflight_canBeSkipped_forAFixPushedDuringAnIncident() throws Exception {
        Image fix = rig.push("fix", Map.of());

        Execution execution;
        try (LoadGenerator load = load(Duration.ofSeconds(90))) {
            execution = ReleaseRig.await(rig.release(fix, "{\"gate\": {\"preflight\": false}}"));
        }

        assertThat(execution.status()).as(execution.error() + ": " + execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(record(fix).state()).isEqualTo(ReleaseState.RELEASED);
    }

    @Test
    @Order(3)
    void preflight_refusesARelease_whileAConfiguredAlarmIsInAlarm() throws Exception {
        Map<String, Integer> weights = rig.weights();
        var cloudWatch = rig.fixture.cloud.cloudWatch();
        cloudWatch.putMetricAlarm(r -> r.alarmName("orders-failing").namespace("Shop").metricName("Failures")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(0.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        // failures in the last minute and in this one, so the alarm's last complete minute breaches whenever it is
        // evaluated in the next minute
        Instant now = Instant.now();
        for (int ago : new int[] {60, 30, 0}) {
            cloudWatch.putMetricData(r -> r.namespace("Shop").metricData(d -> d.metricName("Failures").value(3.0)
                    .timestamp(now.minusSeconds(ago))));
        }
        Image next = rig.push("alarmed", Map.of());

        Execution execution = ReleaseRig.await(rig.release(next, "{\"gate\": {\"alarmNames\": [\"orders-failing\"]}}"));

        assertRefused(execution, next, weights);
        assertThat(execution.cause()).isEqualTo("pre-flight: alarm in ALARM before the release: orders-failing");
    }

    @Test
    @Order(4)
    void inconclusive_saysHowManyRequestsItNeeds_andBakesAsLongAsGreenNeedsToGetThem() throws Exception {
        Image next = rig.push("extended", Map.of());

        Execution execution;
        try (LoadGenerator load = load(Duration.ofSeconds(200))) {
            // only the 5xx check, with an effect a few hundred requests can judge, and room to bake longer for them
            execution = ReleaseRig.await(rig.release(next, """
                    {"maxExtensionSeconds": 150, "maxInconclusiveExtensions": 3,
                     "gate": {"errorIncreaseToDetect": 0.05, "latencyQuantiles": [], "latencyTolerances": []}}"""));
        }

        assertThat(execution.status()).as(execution.error() + ": " + execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        ReleaseRecord record = record(next);
        Decision inconclusive = record.timeline().stream()
                .filter(d -> d.kind().equals("gate") && d.message().startsWith("INCONCLUSIVE at 50%"))
                .findFirst().orElseThrow(() -> new AssertionError("no INCONCLUSIVE verdict in " + record.timeline()));
        assertThat(inconclusive.message()).containsPattern("\\d+ more green requests would let the gate catch"
                + " \\+5\\.00 points of 5xx").containsPattern("baking \\d+ s more");
        assertThat(inconclusive.evidence()).contains("\"neededRequests\"").contains("\"action\":\"EXTEND\"");
        assertThat(ReleaseRig.states(execution)).containsSubsequence("Evaluate gate", "Gate verdict", "Extend bake",
                "Check bake", "Evaluate gate");
        assertThat(record.state()).isEqualTo(ReleaseState.RELEASED);
    }

    @Test
    @Order(5)
    void pausePolicy_holdsForAnOperator_whoResumes() throws Exception {
        Image next = rig.push("held", Map.of());

        // no readers: the gate cannot judge green, and the plan says to pause rather than go on
        Execution execution = rig.release(next, """
                {"inconclusivePolicy": "PAUSE", "maxExtensionSeconds": 0, "pauseTimeoutSeconds": 150,
                 "pauseTimeoutAction": "ROLLBACK"}""");
        for (int percent : new int[] {50, 100}) {
            Poll.until(Duration.ofMinutes(2), "the gate's pause at " + percent + "%", () -> find(next)
                    .map(r -> r.controls().getOrDefault(Control.PAUSE.name(), ""))
                    .filter(pause -> pause.startsWith("gate: INCONCLUSIVE at " + percent + "%")).isPresent());
            rig.records.setControl(ReleaseRig.SERVICE, record(next).releaseId(), Control.RESUME, "test:operator",
                    Instant.now().toString());
        }
        ReleaseRig.await(execution);

        assertThat(execution.status()).as(execution.error() + ": " + execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ReleaseRig.states(execution)).containsSubsequence("Evaluate gate", "Hold for an operator",
                "Check hold", "Hold decision", "Is this the last step?");
        assertThat(record(next).timeline()).filteredOn(d -> d.kind().equals("resumed")).hasSize(2);
        assertThat(record(next).state()).isEqualTo(ReleaseState.RELEASED);
    }

    @Test
    @Order(6)
    void pausePolicy_nobodyAnswering_takesTheTimeoutAction() throws Exception {
        String live = liveSlot();
        Image next = rig.push("unanswered", Map.of());

        Execution execution = ReleaseRig.await(rig.release(next, """
                {"inconclusivePolicy": "PAUSE", "maxExtensionSeconds": 0, "pauseTimeoutSeconds": 6,
                 "pauseTimeoutAction": "ROLLBACK"}"""));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Release.GateInconclusive");
        assertThat(execution.cause()).contains("nobody answered the gate's pause in 6 s");
        assertThat(ReleaseRig.states(execution)).containsSubsequence("Hold for an operator", "Check hold",
                "Pause timed out", "Roll back");
        assertThat(record(next).state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(liveSlot()).isEqualTo(live);
    }

    private static LoadGenerator load(Duration duration) {
        return new LoadGenerator(rig.blogUrl(), 4, 40_000, duration).perClientRate(10).start();
    }

    private static ReleaseRecord record(Image image) {
        return find(image).orElseThrow(() -> new AssertionError("no release of " + image.tag()));
    }

    private static java.util.Optional<ReleaseRecord> find(Image image) {
        return rig.records.history(ReleaseRig.SERVICE, 50).stream().filter(r -> image.tag().equals(r.tag()))
                .findFirst();
    }

    private static String liveSlot() {
        return rig.weights().entrySet().stream().filter(e -> e.getValue() == 100).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    /** Refused before anything was deployed: failed red, REFUSED, the same weights, one service, nothing running. */
    private static void assertRefused(Execution execution, Image image, Map<String, Integer> weights) {
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Release.PreflightRefused");
        assertThat(record(image).state()).isEqualTo(ReleaseState.REFUSED);
        assertThat(rig.weights()).isEqualTo(weights);
        assertThat(rig.activeServices()).hasSize(1);
        assertThat(rig.records.history(ReleaseRig.SERVICE, 50)).noneMatch(r -> r.state() == ReleaseState.IN_PROGRESS);
    }
}
