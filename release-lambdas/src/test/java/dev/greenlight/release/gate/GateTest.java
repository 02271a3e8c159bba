package dev.greenlight.release.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.greenlight.release.gate.GateVerdict.Verdict;
import dev.greenlight.release.plan.GateThresholds;

class GateTest {

    private static final GateThresholds LIMITS = new GateThresholds(100, 0.01, 0.99, 1.5, 100, 0.01, 0.01,
            List.of("blog-5xx"));
    private static final BalancerMetrics QUIET_BALANCER = new BalancerMetrics(20_000, 0);

    @Test
    void evaluate_passesOnNoise_oneErrorIn2000AgainstNoneIn18000() {
        GateVerdict verdict = Gate.evaluate(input(tg(2_000, 1, 40), tg(18_000, 0, 40)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
        assertThat(verdict.reason()).contains("green 1/2000").contains("blue 0/18000");
    }

    @Test
    void evaluate_failsOnARealRegression_5PercentAgainst0point1Percent() {
        GateVerdict verdict = Gate.evaluate(input(tg(400, 20, 40), tg(3_600, 4, 40)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reason()).contains("5xx rate").contains("green 20/400 (5.00%)");
    }

    @Test
    void evaluate_failsOnTwentyPercentErrorsEvenAtTheFirstSmallStep() {
        GateVerdict verdict = Gate.evaluate(input(tg(150, 30, 40), tg(1_350, 0, 40)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void evaluate_passesASmallIncreaseBelowTheMargin() {
        GateVerdict verdict = Gate.evaluate(input(tg(5_000, 10, 40), tg(45_000, 45, 40)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void evaluate_failsOnALatencyRegression() {
        GateVerdict verdict = Gate.evaluate(input(tg(1_000, 0, 850), tg(9_000, 0, 45)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reason()).contains("slower").contains("green p99 850 ms").contains("blue p99 45 ms");
    }

    @Test
    void interim_failsOnTwentyPercentErrors_asSoonAsThereAreEnoughRequests() {
        GateVerdict verdict = Gate.interim(input(tg(100, 20, 40), tg(900, 0, 40)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reason()).contains("5xx rate").contains("green 20/100 (20.00%)");
    }

    @Test
    void interim_needsMoreConfidenceThanTheVerdictAtTheEndOfTheBake() {
        // 11/400 against 4/3600: beyond the margin at 99%, not yet at 99.9%
        GateInput borderline = input(tg(400, 11, 40), tg(3_600, 4, 40));

        assertThat(Gate.evaluate(borderline, LIMITS).verdict()).isEqualTo(Verdict.FAIL);
        GateVerdict interim = Gate.interim(borderline, LIMITS);
        assertThat(interim.verdict()).isEqualTo(Verdict.PASS);
        assertThat(interim.checks()).anyMatch(c -> c.name().contains("lower bound at 99.90%"));
    }

    @Test
    void interim_leavesLatencyToTheEndOfTheBake() {
        GateInput slow = input(tg(1_000, 0, 850), tg(9_000, 0, 45));

        assertThat(Gate.interim(slow, LIMITS).verdict()).isEqualTo(Verdict.PASS);
        assertThat(Gate.interim(slow, LIMITS).checks()).noneMatch(c -> c.name().contains("latency"));
    }

    @Test
    void evaluate_toleratesALatencyChangeSmallInMilliseconds() {
        GateVerdict verdict = Gate.evaluate(input(tg(1_000, 0, 12), tg(9_000, 0, 4)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void evaluate_isInconclusiveOnTooLittleTraffic() {
        GateVerdict verdict = Gate.evaluate(input(tg(40, 10, 40), tg(360, 0, 40)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdict.reason()).contains("40 requests, need 100");
    }

    @Test
    void evaluate_failsWhileAnAlarmIsInAlarm_evenWithoutTraffic() {
        GateInput input = new GateInput(tg(0, 0, Double.NaN), tg(0, 0, Double.NaN), QUIET_BALANCER,
                List.of("blog-5xx"));

        GateVerdict verdict = Gate.evaluate(input, LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reason()).contains("blog-5xx");
    }

    @Test
    void evaluate_failsOnUnhealthyGreenHosts() {
        TargetGroupMetrics green = new TargetGroupMetrics(1_000, 0, 0, 40, 1);

        GateVerdict verdict = Gate.evaluate(input(green, tg(9_000, 0, 40)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reason()).contains("unhealthy host");
    }

    @Test
    void evaluate_failsOnConnectionErrors() {
        TargetGroupMetrics green = new TargetGroupMetrics(1_000, 0, 50, 40, 0);

        GateVerdict verdict = Gate.evaluate(input(green, tg(9_000, 0, 40)), LIMITS);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reason()).contains("could not connect");
    }

    @Test
    void evaluate_failsOnBalancerErrors() {
        GateInput input = new GateInput(tg(1_000, 0, 40), tg(9_000, 0, 40), new BalancerMetrics(10_000, 500),
                List.of());

        assertThat(Gate.evaluate(input, LIMITS).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void evaluate_withoutBlueTraffic_holdsGreenToTheMarginAlone() {
        GateVerdict clean = Gate.evaluate(input(tg(2_000, 1, 40), TargetGroupMetrics.NONE), LIMITS);
        GateVerdict failing = Gate.evaluate(input(tg(2_000, 200, 40), TargetGroupMetrics.NONE), LIMITS);

        assertThat(clean.verdict()).isEqualTo(Verdict.PASS);
        assertThat(failing.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void everyVerdict_keepsTheNumbersOfEachCheck() {
        GateVerdict verdict = Gate.evaluate(input(tg(2_000, 1, 40), tg(18_000, 0, 40)), LIMITS);

        assertThat(verdict.checks()).extracting(GateVerdict.Check::name).contains("alarms in ALARM",
                "green requests", "green p99 latency (ms)", "green connection error rate");
        assertThat(verdict.checks()).allMatch(GateVerdict.Check::passed);
    }

    @Test
    void statistics_matchKnownValues() {
        assertThat(Statistics.oneSidedZ(0.99)).isCloseTo(2.3263, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Statistics.oneSidedZ(0.95)).isCloseTo(1.6449, org.assertj.core.data.Offset.offset(1e-4));
        // Wilson interval of 0/100 at 95% two-sided (z = 1.96): upper bound 0.0370
        assertThat(Statistics.wilsonUpper(0, 100, 1.96)).isCloseTo(0.0370, org.assertj.core.data.Offset.offset(1e-4));
        // Newcombe's worked example: 56/70 vs 48/80, 95% interval of the difference 0.0524 to 0.3339
        assertThat(Statistics.differenceLowerBound(56, 70, 48, 80, 1.959964))
                .isCloseTo(0.0524, org.assertj.core.data.Offset.offset(1e-4));
    }

    private static GateInput input(TargetGroupMetrics green, TargetGroupMetrics blue) {
        return new GateInput(green, blue, QUIET_BALANCER, List.of());
    }

    private static TargetGroupMetrics tg(long requests, long errors, double p99Ms) {
        return new TargetGroupMetrics(requests, errors, 0, p99Ms, 0);
    }
}
