package dev.greenlight.release.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReleasePlanTest {

    static final GateThresholds GATE = new GateThresholds(0.999, 0.25, 0.005, List.of(0.5, 0.9, 0.99),
            List.of(1.3, 1.5, 2.0), 1.5, 0.99, 0.95, 10, 2000, 4, 60, 0.01, 0.01, List.of(), true);
    static final ReleasePlan DEFAULT = new ReleasePlan(List.of(10, 50, 100), List.of(60, 60, 60), 300, 5, 5, 300,
            GATE, ReleasePlan.InconclusivePolicy.ROLLBACK, 1, 600, 300, ReleasePlan.PauseTimeoutAction.ROLLBACK);

    @Test
    void validated_acceptsAnyIncreasingListEndingAt100() {
        assertThat(DEFAULT.validated()).isSameAs(DEFAULT);
        PlanOverride oneStep = new PlanOverride(List.of(100), null, null, null, null, null, null, null, null, null,
                null, null);
        assertThat(DEFAULT.with(oneStep).validated().bakeSeconds()).containsExactly(60);
        PlanOverride fine = new PlanOverride(List.of(1, 2, 5, 25, 100), null, null, null, null, null, null, null,
                null, null, null, null);
        assertThat(DEFAULT.with(fine).validated().bakeSeconds()).hasSize(5);
    }

    @Test
    void validated_rejectsEveryProblemAtOnce() {
        PlanOverride bad = new PlanOverride(List.of(50, 10, 90), List.of(5, 5), 1, null, null, -1,
                new PlanOverride.GateOverride(null, null, 2.0, null, List.of(1.5), null, 1.0, null, null, null, null,
                        null, null, null, null, null), null, null, null, null, null);

        assertThatThrownBy(() -> DEFAULT.with(bad).validated())
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactly(
                        "steps must increase strictly, each from 1 to 100, but were [50, 10, 90]",
                        "steps must end at 100, but were [50, 10, 90]",
                        "bakeSeconds must give one bake per step (3), but was [5, 5]",
                        "healthTimeoutSeconds must be from 10 to 3600, but was 1",
                        "terminationWaitSeconds must be from 0 to 86400, but was -1",
                        "gate.errorIncreaseToDetect must be a fraction above 0 and below 1, but was 2.0",
                        "gate.latencyTolerances must give one tolerance per latency quantile (3), but was [1.5]",
                        "gate.confidence must be from 0.5 up to (not including) 1, but was 1.0"));
    }

    @Test
    void with_oneBakeForSeveralSteps_appliesToEachStep() {
        PlanOverride oneBake = new PlanOverride(List.of(25, 100), List.of(20), null, null, null, null, null, null,
                null, null, null, null);
        PlanOverride bakeOnly = new PlanOverride(null, List.of(15), null, null, null, null, null, null, null, null,
                null, null);

        assertThat(DEFAULT.with(oneBake).validated().bakeSeconds()).containsExactly(20, 20);
        assertThat(DEFAULT.with(bakeOnly).validated().bakeSeconds()).containsExactly(15, 15, 15);
    }

    @Test
    void with_overridesOnlyWhatIsGiven() {
        PlanOverride faster = new PlanOverride(null, List.of(1, 2, 3), null, null, null, 0,
                new PlanOverride.GateOverride(null, null, 0.02, null, null, null, null, null, null, null, null, null,
                        null, null, List.of("a"), false),
                ReleasePlan.InconclusivePolicy.PAUSE, null, null, 60, null);

        ReleasePlan plan = DEFAULT.with(faster).validated();

        assertThat(plan.steps()).containsExactly(10, 50, 100);
        assertThat(plan.bakeSeconds()).containsExactly(1, 2, 3);
        assertThat(plan.terminationWaitSeconds()).isZero();
        assertThat(plan.gate().errorIncreaseToDetect()).isEqualTo(0.02);
        assertThat(plan.gate().confidence()).isEqualTo(0.99);
        assertThat(plan.gate().alarmNames()).containsExactly("a");
        assertThat(plan.gate().preflight()).isFalse();
        assertThat(plan.inconclusivePolicy()).isEqualTo(ReleasePlan.InconclusivePolicy.PAUSE);
        assertThat(plan.pauseTimeoutSeconds()).isEqualTo(60);
        assertThat(plan.pauseTimeoutAction()).isEqualTo(ReleasePlan.PauseTimeoutAction.ROLLBACK);
    }
}
