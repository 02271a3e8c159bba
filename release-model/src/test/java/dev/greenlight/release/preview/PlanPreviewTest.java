package dev.greenlight.release.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.greenlight.release.GateAction;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.plan.PlanOverride;
import dev.greenlight.release.plan.ReleasePlan;

/**
 * The preview against what is known of the release it foresees: the workflow's path through release.asl.json, and
 * the gate accuracy benchmark's figures (docs/benchmarks.md, 10,000 simulated releases a row) at the same rates
 * and plans.
 */
class PlanPreviewTest {

    /** The benchmark's local platform: one task, metrics per second, 10 s from the pre-flight to the first shift. */
    private static final Setup LOCAL = new Setup(1, 1, 0, 8, 1, 0.02, false);
    /** Its AWS platform: two tasks, metrics per minute readable a minute late, 120 s to the first shift. */
    private static final Setup AWS = new Setup(2, 60, 60, 110, 5, 0.1, false);

    /** The benchmark counts a release from its pre-flight to its end, without the termination wait. */
    private static double asBenchmarked(Preview preview) {
        return preview.durationSeconds()
                - (preview.outcome().equals("RELEASED") ? preview.plan().terminationWaitSeconds() : 0);
    }

    @Test
    void localPlanAt60_catchesTheConfiguredEffectsAtTheFirstStep_afterTheExtensionsItAsksFor() {
        Preview preview = PlanPreview.of(Plans.local(), Plans.blog(60), LOCAL);

        StepForecast first = preview.steps().get(0);
        // benchmark: +0.5 points caught before green gets more than the first step in 99.14%, a 1.5x median in 99.98%
        assertThat(first.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(first.planned().errorIncrease()).isGreaterThan(0.05);
        assertThat(first.extensionSeconds()).isBetween(900, 1200);
        assertThat(first.lastVerdict()).isEqualTo(Verdict.PASS);
        assertThat(first.last().errorIncrease()).isLessThanOrEqualTo(0.005);
        assertThat(first.last().latencyRatio()).isLessThanOrEqualTo(1.5);
        assertThat(first.last().latencyQuantile()).isEqualTo(0.5);
        assertThat(first.warning()).isNull();
        // benchmark: the median A/A release took 1619 s
        assertThat(asBenchmarked(preview)).isCloseTo(1619, within(1619 * 0.06));
        assertThat(preview.outcome()).isEqualTo("RELEASED");
    }

    @Test
    void localPlanAt10_cannotCatchHalfAPointAtTheFirstStep_andSaysWhatBakeCould() {
        Preview preview = PlanPreview.of(Plans.local(), Plans.blog(10), LOCAL);

        StepForecast first = preview.steps().get(0);
        // benchmark: +0.5 points caught at the first step in 2.15%, a 1.5x median in 0.00%; the median release 1679 s
        assertThat(first.lastVerdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(first.last().errorIncrease()).satisfiesAnyOf(d -> assertThat(d).isNaN(),
                d -> assertThat(d).isGreaterThan(0.005));
        assertThat(first.last().latencyNote()).contains("warm-up requests");
        assertThat(first.action()).isEqualTo(GateAction.PROCEED);
        assertThat(first.warning()).contains("cannot catch +0.50 points of 5xx or a 1.50x slowdown")
                .contains("a bake of " + first.bakeThatCould() + " s could");
        // 6,000-odd requests at 1 a second
        assertThat(first.bakeThatCould()).isBetween(5_000, 7_000);
        assertThat(asBenchmarked(preview)).isCloseTo(1679, within(1679 * 0.06));
    }

    @Test
    void localPlanAt300_catchesItAtTheFirstStepWithinMinutes() {
        Preview preview = PlanPreview.of(Plans.local(), Plans.blog(300), LOCAL);

        // benchmark: +0.5 points caught at the first step in 99.27%, 1.5x in 100%; the median release 323 s
        StepForecast first = preview.steps().get(0);
        assertThat(first.last().errorIncrease()).isLessThanOrEqualTo(0.005);
        assertThat(first.last().latencyRatio()).isLessThanOrEqualTo(1.5);
        assertThat(asBenchmarked(preview)).isCloseTo(323, within(323 * 0.06));
    }

    @Test
    void awsPlan_quietServicesPauseForAnOperator_busyOnesRelease() {
        Preview quiet = PlanPreview.of(Plans.aws(), Plans.blog(10), AWS);
        Preview busy = PlanPreview.of(Plans.aws(), Plans.blog(300), AWS);

        // benchmark: at 10 req/s 99.98% of A/A releases pause, nobody answers, and they roll back after 7620 s;
        // at 300 req/s 99.99% are released, the median in 1239 s
        assertThat(quiet.outcome()).isEqualTo("ROLLED_BACK");
        assertThat(quiet.steps().get(0).action()).isEqualTo(GateAction.ROLLBACK);
        assertThat(quiet.notes()).anyMatch(n -> n.contains("pauses for an operator"));
        assertThat(asBenchmarked(quiet)).isCloseTo(7620, within(7620 * 0.06));
        assertThat(busy.outcome()).isEqualTo("RELEASED");
        assertThat(asBenchmarked(busy)).isCloseTo(1239, within(1239 * 0.06));
        assertThat(busy.peakTasks()).isEqualTo(4);
        assertThat(busy.extraTasks()).isEqualTo(2);
    }

    @Test
    void transitions_followTheWorkflowsPath() {
        // the rollout benchmark's release: 15 s bakes, no extension, a 10 s termination wait, polls every 2 s, four
        // health checks: it counted 141 transitions
        ReleasePlan plan = Plans.local().with(new PlanOverride(null, List.of(15), null, null, null, null, null, null,
                null, 0, null, null));
        Preview preview = PlanPreview.of(plan, Plans.blog(60), LOCAL);

        assertThat(preview.healthChecks()).isEqualTo(4);
        assertThat(preview.transitions()).isEqualTo(141).isEqualTo(preview.path().size());
        assertThat(preview.path()).startsWith("Prepare release", "Route prepared release", "Deploy green",
                "Wait for green", "Check green health", "Is green healthy?").endsWith("Finish release", "Released");
        // a check of the controls every 2 s of a 15 s bake: 9 checks, 8 waits
        assertThat(preview.path().stream().filter("Check bake"::equals)).hasSize(27);
        assertThat(preview.path().stream().filter("Bake"::equals)).hasSize(24);
        assertThat(preview.path().stream().filter("Check termination wait"::equals)).hasSize(6);
        assertThat(preview.durationSeconds()).isCloseTo(8 + 1 + 45 + 10, within(3.0));
    }

    @Test
    void noTraffic_saysTheGateSeesNothing_andThePolicyDecides() {
        Preview preview = PlanPreview.of(Plans.local(), new Traffic(0, 0, List.of(), "--rate 0"), LOCAL);

        assertThat(preview.notes()).anyMatch(n -> n.startsWith("no traffic: the preview assumes none")
                && n.contains("(proceed) decides"));
        assertThat(preview.steps()).allSatisfy(step -> {
            assertThat(step.greenRequests()).isZero();
            assertThat(step.extensionSeconds()).isZero();
            assertThat(step.lastVerdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(step.bakeThatCould()).isNull();
            assertThat(step.warning()).contains("no bake could at this traffic");
        });
        assertThat(preview.durationSeconds()).isCloseTo(8 + 1 + 60 + 10, within(3.0));
    }

    @Test
    void theLongestPlan_isForeseenAtOnce_withItsPathCut() {
        // a day's bake at each step, polled every second, extended by up to a day more, and a day's termination wait
        ReleasePlan plan = new ReleasePlan(List.of(10, 50, 100), List.of(86_400, 86_400, 86_400), 3_600, 1, 1,
                86_400, Plans.local().gate(), ReleasePlan.InconclusivePolicy.PAUSE, 10, 86_400, 7 * 86_400,
                ReleasePlan.PauseTimeoutAction.PROCEED);
        Preview preview = PlanPreview.of(plan, Plans.blog(0.5), LOCAL);

        assertThat(preview.transitions()).isGreaterThan(PlanPreview.MAX_PATH);
        assertThat(preview.path()).hasSize(PlanPreview.MAX_PATH);
        assertThat(preview.durationSeconds()).isGreaterThan(3 * 86_400 + 86_400);
    }

    @Test
    void firstRelease_goesStraightTo100() {
        Preview preview = PlanPreview.of(Plans.local(), Plans.blog(60), new Setup(1, 1, 0, 8, 1, 0.02, true));

        assertThat(preview.steps()).isEmpty();
        assertThat(preview.peakTasks()).isEqualTo(1);
        assertThat(preview.path()).containsSubsequence("Go live at once", "Shift traffic", "Is there a blue to remove?",
                "Finish release");
        assertThat(preview.path()).doesNotContain("Check bake", "Start termination wait");
    }
}
