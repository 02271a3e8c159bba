package dev.greenlight.localcloud.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.localcloud.LoadGenerator;
import dev.greenlight.localcloud.Poll;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.release.Control;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.steps.CheckGreenHealth;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.ExecutionStatus;
import dev.greenlight.statemachine.task.LambdaResponse;

/**
 * The real release.asl.json, run by the engine with the real release functions against the local ECS, ALB
 * and CloudWatch, releasing real blog processes. Each test starts from whatever the previous one left live
 * and checks the state the workflow must leave: weights, services, lock, and the release record.
 */
class ReleaseOnLocalCloudTest {

    @TempDir
    static Path dir;
    static ReleaseRig rig;
    private static final AtomicInteger TAGS = new AtomicInteger();

    @BeforeAll
    static void firstRelease() throws Exception {
        rig = new ReleaseRig(dir);
        Image v1 = rig.push("v1", Map.of());

        Execution execution = ReleaseRig.await(rig.release(v1, null));

        assertThat(execution.status()).as(execution.error() + ": " + execution.cause() + " after "
                + ReleaseRig.states(execution)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ReleaseRig.states(execution)).contains("Go live at once").doesNotContain("Check bake");
        assertThat(rig.weights()).isEqualTo(Map.of("A", 100, "B", 0));
        assertThat(rig.activeServices()).containsExactly("blog-a");
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void happyPath_shiftsStepByStepUnderLoadAndRemovesBlue() throws Exception {
        String blue = liveSlot();
        String green = other(blue);
        Image next = rig.push(tag("ok"), Map.of());

        try (LoadGenerator load = load()) {
            Execution execution = ReleaseRig.await(rig.release(next, null));
            load.close();

            assertThat(execution.status()).as(execution.error() + " " + execution.cause())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(ReleaseRig.states(execution)).containsSubsequence("Prepare release", "Deploy green",
                    "Check green health", "Smoke test green", "Shift traffic", "Check bake", "Evaluate gate",
                    "Next step", "Shift traffic", "Check bake", "Evaluate gate", "Check termination wait",
                    "Finish release", "Released");
            assertThat(rig.weights()).containsEntry(green, 100).containsEntry(blue, 0);
            assertThat(rig.activeServices()).containsExactly("blog-" + green.toLowerCase());
            assertThat(load.failed()).isZero();
            assertThat(load.answeredBy(next.tag())).isPositive();
        }
        assertReleasedOrRolledBack(next, ReleaseState.RELEASED);
    }

    @Test
    void theLiveImageUnderANewTag_isANoOp() throws Exception {
        String live = liveSlot();
        ReleaseRecord liveRelease = rig.records.history(ReleaseRig.SERVICE, 50).stream()
                .filter(r -> r.state() == ReleaseState.RELEASED).findFirst().orElseThrow();
        Image current = rig.fixture.cloud.ecr().describeImage(ReleaseRig.REPOSITORY, liveRelease.tag());
        Image same = rig.pushAgain(current, tag("same"));

        Execution execution = ReleaseRig.await(rig.release(same, null));

        assertThat(execution.status()).as(execution.error() + ": " + execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ReleaseRig.states(execution)).containsExactly("Prepare release", "Route prepared release",
                "Image already live");
        assertLiveOnly(live);
        assertReleasedOrRolledBack(same, ReleaseState.NOOP);
    }

    @Test
    void greenNeverHealthy_rollsBackWithoutTouchingTraffic() throws Exception {
        String blue = liveSlot();
        Image broken = rig.push(tag("unready"), Map.of("BLOG_FAULTS_READINESS_DOWN", "true"));

        Execution execution = ReleaseRig.await(rig.release(broken, "{\"healthTimeoutSeconds\": 12}"));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        // green's tasks start in about two seconds, so ECS may replace enough of the failing ones for its circuit
        // breaker to fail the deployment before the 12 s health deadline: either way, green never became healthy
        assertThat(execution.error()).as(execution.cause()).isIn("Release.GreenNotHealthy",
                CheckGreenHealth.GreenDeploymentFailedException.class.getName());
        assertThat(ReleaseRig.states(execution)).doesNotContain("Shift traffic");
        assertLiveOnly(blue);
        assertReleasedOrRolledBack(broken, ReleaseState.ROLLED_BACK);
    }

    @Test
    void gateFails_onALatencyRegression_andRollsBack() throws Exception {
        String blue = liveSlot();
        Image slow = rig.push(tag("slow"), Map.of("BLOG_FAULTS_LATENCY_MS", "1500"));

        // slow answers hold the clients, so more of them (paced, to leave the cores to the tasks) and a longer
        // bake give green enough requests to judge
        try (LoadGenerator load = new LoadGenerator(rig.blogUrl(), 8, 40_000, Duration.ofSeconds(150))
                .perClientRate(10).start()) {
            Execution execution = ReleaseRig.await(rig.release(slow, "{\"bakeSeconds\": [10, 10]}"));
            load.close();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).as(execution.cause()).isEqualTo("Release.GateFailed");
            assertThat(execution.cause()).contains("slower than blue");
        }
        assertLiveOnly(blue);
        ReleaseRecord record = assertReleasedOrRolledBack(slow, ReleaseState.ROLLED_BACK);
        assertThat(record.timeline()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo("gate");
            assertThat(d.message()).startsWith("FAIL at 50%");
            assertThat(d.evidence()).contains("slow-share excess").contains("\"greenThresholdMs\"");
        });
    }

    @Test
    void errorsBeforeAnyTraffic_failTheSmokeTest() throws Exception {
        String blue = liveSlot();
        // 9 page requests in 10 fail: all 8 of the smoke test's pass once in 10^8 releases (at half, once in 256)
        Image bad = rig.push(tag("errors"), Map.of("BLOG_FAULTS_ERROR_RATE", "0.9"));

        Execution execution = ReleaseRig.await(rig.release(bad, null));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Release.SmokeTestFailed");
        assertThat(execution.cause()).contains("status 500");
        assertThat(ReleaseRig.states(execution)).doesNotContain("Shift traffic");
        assertLiveOnly(blue);
        assertReleasedOrRolledBack(bad, ReleaseState.ROLLED_BACK);
    }

    @Test
    void aFunctionThrowingMidShift_rollsBack() throws Exception {
        String blue = liveSlot();
        Image next = rig.push(tag("crash"), Map.of());
        AtomicInteger shifts = new AtomicInteger();
        rig.invoker.intercept((function, payload) -> function.equals("shiftTraffic") && shifts.incrementAndGet() == 2
                ? LambdaResponse.error("java.lang.IllegalStateException", "the function crashed at 100%")
                : null);
        try (LoadGenerator load = load()) {
            Execution execution = ReleaseRig.await(rig.release(next, null));

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).as(execution.cause()).isEqualTo("java.lang.IllegalStateException");
            assertThat(shifts.get()).isEqualTo(2);
        } finally {
            rig.invoker.intercept((function, payload) -> null);
        }
        assertLiveOnly(blue);
        assertThat(assertReleasedOrRolledBack(next, ReleaseState.ROLLED_BACK).reason())
                .contains("the function crashed at 100%");
    }

    @Test
    void abortDuringABake_rollsBack() throws Exception {
        String blue = liveSlot();
        Image next = rig.push(tag("abort"), Map.of());

        Execution execution = rig.release(next, "{\"bakeSeconds\": [60, 60]}");
        String releaseId = awaitPercent(next, 50);
        rig.records.setControl(ReleaseRig.SERVICE, releaseId, Control.ABORT, "test-operator", "now");
        ReleaseRig.await(execution);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Release.Aborted");
        assertThat(execution.cause()).contains("aborted by test-operator");
        assertLiveOnly(blue);
        assertReleasedOrRolledBack(next, ReleaseState.ROLLED_BACK);
    }

    @Test
    void promoteDuringABake_skipsTheRemainingBakes() throws Exception {
        String blue = liveSlot();
        Image next = rig.push(tag("promote"), Map.of());

        Execution execution = rig.release(next, "{\"bakeSeconds\": [120, 120]}");
        String releaseId = awaitPercent(next, 50);
        long promotedAt = System.nanoTime();
        rig.records.setControl(ReleaseRig.SERVICE, releaseId, Control.PROMOTE, "test-operator", "now");
        ReleaseRig.await(execution);

        assertThat(execution.status()).as(execution.error() + ": " + execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Duration.ofNanos(System.nanoTime() - promotedAt)).isLessThan(Duration.ofSeconds(60));
        assertThat(ReleaseRig.states(execution)).contains("Promote to full traffic");
        assertThat(rig.weights()).containsEntry(other(blue), 100).containsEntry(blue, 0);
        assertThat(rig.activeServices()).containsExactly("blog-" + other(blue).toLowerCase());
        assertReleasedOrRolledBack(next, ReleaseState.RELEASED);
    }

    @Test
    void pauseThenResume_holdsTheStepThenCarriesOn() throws Exception {
        String blue = liveSlot();
        Image next = rig.push(tag("pause"), Map.of());

        LoadGenerator load = load();
        Execution execution = rig.release(next, "{\"bakeSeconds\": [3, 3]}");
        String releaseId = awaitPercent(next, 50);
        rig.records.setControl(ReleaseRig.SERVICE, releaseId, Control.PAUSE, "test-operator", "now");
        Thread.sleep(7_000);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(rig.weights()).containsEntry(other(blue), 50);
        assertThat(ReleaseRig.states(execution)).contains("Paused by operator").doesNotContain("Evaluate gate");
        rig.records.setControl(ReleaseRig.SERVICE, releaseId, Control.RESUME, "test-operator", "now");
        ReleaseRig.await(execution);
        load.close();

        assertThat(execution.status()).as(execution.error() + " " + execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(rig.weights()).containsEntry(other(blue), 100);
        assertReleasedOrRolledBack(next, ReleaseState.RELEASED);
    }

    private static String awaitPercent(Image image, int percent) {
        String[] releaseId = new String[1];
        Poll.until(Duration.ofSeconds(90), image.tag() + " at " + percent + "%", () -> rig.records
                .history(ReleaseRig.SERVICE, 20).stream()
                .filter(r -> image.tag().equals(r.tag()) && r.percent() != null && r.percent() == percent)
                .peek(r -> releaseId[0] = r.releaseId())
                .findFirst().isPresent());
        return releaseId[0];
    }

    private static void assertLiveOnly(String slot) {
        assertThat(rig.weights()).containsEntry(slot, 100).containsEntry(other(slot), 0);
        assertThat(rig.activeServices()).containsExactly("blog-" + slot.toLowerCase());
    }

    private static ReleaseRecord assertReleasedOrRolledBack(Image image, ReleaseState state) {
        ReleaseRecord record = rig.records.history(ReleaseRig.SERVICE, 50).stream()
                .filter(r -> image.tag().equals(r.tag())).findFirst().orElseThrow();
        assertThat(record.state()).isEqualTo(state);
        assertThat(record.endedAt()).isNotNull();
        assertThat(new ReleaseLock(Dynalite.shared().client(), "Releases").holder(ReleaseRig.SERVICE)).isEmpty();
        return record;
    }

    private static String liveSlot() {
        return rig.weights().get("A") == 100 ? "A" : "B";
    }

    private static String other(String slot) {
        return slot.equals("A") ? "B" : "A";
    }

    private static String tag(String name) {
        return "v" + (TAGS.incrementAndGet() + 1) + "-" + name;
    }

    private static LoadGenerator load() {
        return new LoadGenerator(rig.blogUrl(), 2, 40_000, Duration.ofSeconds(150)).start();
    }
}
