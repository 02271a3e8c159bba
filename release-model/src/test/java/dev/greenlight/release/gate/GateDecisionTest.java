package dev.greenlight.release.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.greenlight.release.GateAction;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.plan.GateThresholds;
import dev.greenlight.release.plan.ReleasePlan.InconclusivePolicy;
import dev.greenlight.release.plan.ReleasePlan.PauseTimeoutAction;
import dev.greenlight.release.plan.ReleasePlan;

/** What follows a verdict: PASS and FAIL decide; INCONCLUSIVE extends by what green needs, or applies the policy. */
class GateDecisionTest {

    private static final GateThresholds GATE = new GateThresholds(0.999, 0.25, 0.005, List.of(0.5, 0.9, 0.99),
            List.of(1.3, 1.3, 1.5), 1.5, 0.99, 0.97, 10, 2000, 6, 60, 0.01, 0.01, List.of(), true);

    private static ReleasePlan plan(InconclusivePolicy policy, int maxExtensionSeconds) {
        return new ReleasePlan(List.of(10, 50, 100), List.of(20, 20, 20), 120, 2, 2, 10, GATE, policy, 3,
                maxExtensionSeconds, 300, PauseTimeoutAction.PROCEED);
    }

    private static StepRequest.Step step(int bakeSeconds, int extensions) {
        return new StepRequest.Step(0, 2, 10, bakeSeconds, extensions, false, null);
    }

    private static GateVerdict inconclusive(long needed) {
        return new GateVerdict(Verdict.INCONCLUSIVE, "too little traffic", List.of(), needed);
    }

    @Test
    void passProceeds_andFailRollsBack() {
        ReleasePlan plan = plan(InconclusivePolicy.PROCEED, 600);

        assertThat(GateDecision.after(plan, step(20, 0), new GateVerdict(Verdict.PASS, "ok", List.of(), null), 120,
                Duration.ofSeconds(20)).action()).isEqualTo(GateAction.PROCEED);
        assertThat(GateDecision.after(plan, step(20, 0), new GateVerdict(Verdict.FAIL, "bad", List.of(), null), 120,
                Duration.ofSeconds(20)).action()).isEqualTo(GateAction.ROLLBACK);
    }

    @Test
    void inconclusive_extendsByTheTimeGreenNeedsToGetTheRequests() {
        // 6 green requests a second, 3,000 more needed: 500 s
        GateDecision next = GateDecision.after(plan(InconclusivePolicy.ROLLBACK, 600), step(20, 0),
                inconclusive(3_000), 120, Duration.ofSeconds(20));

        assertThat(next.action()).isEqualTo(GateAction.EXTEND);
        assertThat(next.extendSeconds()).isEqualTo(500);
        assertThat(next.why()).contains("500 s more").contains("6.0 green requests a second");
    }

    @Test
    void inconclusive_aLittleBeyondWhatIsLeft_triesWhatIsLeft() {
        // 300 s needed (1,800 requests at 6 a second), 600 s allowed in all, 480 of it already used: the 120 s
        // left are tried, since the need was estimated from the requests so far
        GateDecision next = GateDecision.after(plan(InconclusivePolicy.ROLLBACK, 600), step(500, 1),
                inconclusive(1_800), 3_000, Duration.ofSeconds(500));

        assertThat(next.action()).isEqualTo(GateAction.EXTEND);
        assertThat(next.extendSeconds()).isEqualTo(120);
    }

    @Test
    void inconclusive_farBeyondWhatIsLeft_appliesThePolicyAtOnce() {
        // one green request every five seconds: 3,000 requests take hours
        GateDecision proceed = GateDecision.after(plan(InconclusivePolicy.PROCEED, 600), step(20, 0),
                inconclusive(3_000), 4, Duration.ofSeconds(20));
        GateDecision hold = GateDecision.after(plan(InconclusivePolicy.PAUSE, 600), step(20, 0),
                inconclusive(3_000), 4, Duration.ofSeconds(20));
        GateDecision rollBack = GateDecision.after(plan(InconclusivePolicy.ROLLBACK, 600), step(20, 0),
                inconclusive(3_000), 4, Duration.ofSeconds(20));

        assertThat(proceed.action()).isEqualTo(GateAction.PROCEED);
        assertThat(proceed.why()).contains("far more than the 600 s of extension the plan has left");
        assertThat(hold.action()).isEqualTo(GateAction.HOLD);
        assertThat(hold.why()).contains("for at most 300 s, then proceed");
        assertThat(rollBack.action()).isEqualTo(GateAction.ROLLBACK);
    }

    @Test
    void inconclusive_withoutGreenTraffic_orExtensionsLeft_appliesThePolicy() {
        ReleasePlan plan = plan(InconclusivePolicy.ROLLBACK, 600);

        assertThat(GateDecision.after(plan, step(20, 0), inconclusive(100), 0, Duration.ofSeconds(20)).why())
                .contains("green had no requests");
        assertThat(GateDecision.after(plan, step(80, 3), inconclusive(100), 500, Duration.ofSeconds(80)).why())
                .contains("extended 3 time(s), the most the plan allows");
        assertThat(GateDecision.after(plan(InconclusivePolicy.ROLLBACK, 0), step(20, 0), inconclusive(100), 120,
                Duration.ofSeconds(20)).action()).isEqualTo(GateAction.ROLLBACK);
    }
}
