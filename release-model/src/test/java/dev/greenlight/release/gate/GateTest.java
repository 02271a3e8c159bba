package dev.greenlight.release.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.greenlight.release.gate.GateVerdict.Check;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.gate.LatencyInput.Percentile;
import dev.greenlight.release.gate.LatencyInput.QuantileCounts;
import dev.greenlight.release.plan.GateThresholds;

class GateTest {

    /** The default gate: 99.9% objective, a quarter of the budget as margin, +0.5 points and 1.5x to catch. */
    static final GateThresholds LIMITS = new GateThresholds(0.999, 0.25, 0.005, List.of(0.5, 0.9, 0.99),
            List.of(1.2, 1.2, 1.2), 1.5, 0.99, 0.95, 10, 2000, 4, 60, 0.01, 0.01, List.of("blog-5xx"), true);
    private static final Gate.Look FIRST_STEP = new Gate.Look(3, 10, true);
    private static final Gate.Look INTERIM = new Gate.Look(3, 10, false);
    private static final Gate.Look LAST_STEP = new Gate.Look(3, 100, true);
    private static final BalancerMetrics QUIET_BALANCER = new BalancerMetrics(100_000, 0);

    @Test
    void evaluate_failsAVersionAnsweringOnePercentWith500_asTheIssueFoundReleased() {
        // green 23/2,108 against blue 0: ten times the whole error budget of a 99.9% objective
        GateVerdict verdict = Gate.evaluate(input(errors(2_108, 23), errors(18_972, 0), sameLatency(2_108, 18_972)),
                LIMITS, FIRST_STEP);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reason()).contains("5xx rate is above blue's").contains("green 23/2108 (1.09%)")
                .contains("blue 0/18972 (0.00%)");
    }

    @Test
    void evaluate_failsHalfAPointOnAPointOnePercentBaseline() {
        GateVerdict verdict = Gate.evaluate(input(errors(6_000, 36), errors(54_000, 54), sameLatency(6_000, 54_000)),
                LIMITS, FIRST_STEP);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        Check check = check(verdict, "green 5xx");
        assertThat(check.observed()).isGreaterThan(LIMITS.allowedIncrease());
        assertThat(check.evidence().statistic()).isGreaterThanOrEqualTo(check.evidence().bound());
    }

    @Test
    void evaluate_passesEqualRates_withEnoughTrafficToHaveCaughtTheConfiguredEffect() {
        GateVerdict verdict = Gate.evaluate(input(errors(9_000, 9), errors(81_000, 81), sameLatency(9_000, 81_000)),
                LIMITS, FIRST_STEP);

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
        Check errors = check(verdict, "green 5xx");
        assertThat(errors.evidence().power()).isGreaterThanOrEqualTo(0.95);
        assertThat(errors.evidence().detectable()).isLessThanOrEqualTo(0.005);
        assertThat(errors.evidence().neededRequests()).isZero();
    }

    @Test
    void evaluate_passesAnIncreaseWithinTheMargin_evenWithAgreatDealOfTraffic() {
        // 0.11% against 0.10%: a tenth of the budget more, within the quarter the margin allows
        GateVerdict verdict = Gate.evaluate(input(errors(200_000, 220), errors(1_800_000, 1_800),
                sameLatency(200_000, 1_800_000)), LIMITS, FIRST_STEP);

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void evaluate_isInconclusiveWithTooLittleTraffic_andSaysHowManyMoreRequestsItNeeds() {
        GateVerdict verdict = Gate.evaluate(input(errors(120, 0), errors(1_080, 1), sameLatency(120, 1_080)), LIMITS,
                FIRST_STEP);

        assertThat(verdict.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdict.neededRequests()).isBetween(2_000L, 20_000L);
        assertThat(verdict.reason()).contains(verdict.neededRequests() + " more green requests")
                .contains("+0.50 points").contains("1.50x");
        assertThat(check(verdict, "green 5xx").detail()).contains("needs " + check(verdict, "green 5xx").evidence().neededRequests());
    }

    @Test
    void evaluate_neededRequests_areEnough() {
        GateVerdict short_ = Gate.evaluate(input(errors(500, 0), errors(4_500, 4), sameLatency(500, 4_500)), LIMITS,
                FIRST_STEP);
        long more = check(short_, "green 5xx").evidence().neededRequests();
        long green = 500 + more;
        long blue = green * 9;

        // the same blue rate as at the first look, and green at blue's rate plus the effect to catch
        GateInput withTheEffect = input(errors(green, Math.round(green * (4.0 / 4_500 + 0.005))),
                errors(blue, Math.round(blue * 4.0 / 4_500)), sameLatency(green, blue));

        GateVerdict later = Gate.evaluate(withTheEffect, LIMITS, FIRST_STEP);

        assertThat(check(later, "green 5xx").evidence().power()).isGreaterThanOrEqualTo(0.94);
        assertThat(later.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void evaluate_failsAVersionFiftyTimesSlowerAtTheMedian_asTheIssueFoundReleased() {
        // median 6 ms -> 307 ms: every green request is slower than any threshold
        GateVerdict verdict = Gate.evaluate(input(errors(1_200, 0), errors(10_800, 0),
                latency(1_200, 10_800, 1_200, 1_200, 1_200)), LIMITS, FIRST_STEP);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reason()).contains("slower than blue at p50");
    }

    @Test
    void evaluate_failsATailOnlyRegression_atP99() {
        // the median unchanged, 8% of green's requests above 1.2x blue's p99 against 1% of blue's above its p99
        GateVerdict verdict = Gate.evaluate(input(errors(4_000, 0), errors(36_000, 0),
                latency(4_000, 36_000, 1_440, 160, 320)), LIMITS, FIRST_STEP);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reason()).contains("at p99");
    }

    @Test
    void evaluate_passesLatencyWithinTheTolerance() {
        // green's slow shares at 1.2x blue's quantiles, well below blue's at the quantiles themselves
        GateVerdict verdict = Gate.evaluate(input(errors(9_000, 9), errors(81_000, 81),
                latency(9_000, 81_000, 3_700, 540, 40)), LIMITS, FIRST_STEP);

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
        Check median = check(verdict, "p50");
        assertThat(median.evidence().detectable()).isBetween(1.2, 1.5);
        assertThat(median.detail()).contains("slower than").contains("catches");
    }

    @Test
    void whileGreenWarmsUp_onlyAGrossSlowdownOfTheMedianFails() {
        // twice as slow, as a cold JVM is: within the warm-up tolerance of 4x
        GateVerdict cold = Gate.evaluate(input(errors(300, 0), errors(2_700, 0), warmingUp(300, 2_700, 0.01)), LIMITS,
                INTERIM);
        // fifty times as slow: every request above 4x blue's median
        GateVerdict broken = Gate.evaluate(input(errors(300, 0), errors(2_700, 0), warmingUp(300, 2_700, 1.0)), LIMITS,
                INTERIM);

        assertThat(cold.verdict()).isEqualTo(Verdict.PASS);
        assertThat(broken.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(broken.reason()).contains("at p50 while warming up").contains("4.00x blue's p50");
    }

    @Test
    void evaluate_atFullTraffic_holdsGreenToTheObjectiveItself() {
        GateVerdict missing = Gate.evaluate(input(errors(20_000, 100), TargetGroupMetrics.NONE,
                LatencyInput.skipped("no blue")), LIMITS, LAST_STEP);
        GateVerdict meeting = Gate.evaluate(input(errors(40_000, 20), TargetGroupMetrics.NONE,
                LatencyInput.skipped("no blue")), LIMITS, LAST_STEP);

        assertThat(missing.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(missing.reason()).contains("misses the 99.90% objective");
        assertThat(meeting.verdict()).isEqualTo(Verdict.PASS);
        assertThat(meeting.checks()).noneMatch(c -> c.name().contains("latency"));
    }

    @Test
    void interim_onlyEverFails_andFailsTwentyPercentErrorsWithinAHundredRequests() {
        GateVerdict bad = Gate.evaluate(input(errors(100, 20), errors(900, 0), sameLatency(100, 900)), LIMITS, INTERIM);
        GateVerdict few = Gate.evaluate(input(errors(30, 0), errors(270, 0), sameLatency(30, 270)), LIMITS, INTERIM);

        assertThat(bad.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(few.verdict()).isEqualTo(Verdict.PASS);
        assertThat(few.checks()).allMatch(c -> c.evidence() == null || c.evidence().power() == null);
    }

    @Test
    void evaluate_failsOnAlarmsUnhealthyHostsBalancerErrorsAndConnectionErrors() {
        GateInput fine = input(errors(9_000, 9), errors(81_000, 81), sameLatency(9_000, 81_000));
        GateInput alarm = new GateInput(fine.green(), fine.blue(), QUIET_BALANCER, List.of("blog-5xx"), fine.latency());
        GateInput unhealthy = new GateInput(new TargetGroupMetrics(9_000, 9, 0, 1), fine.blue(), QUIET_BALANCER,
                List.of(), fine.latency());
        GateInput balancer = new GateInput(fine.green(), fine.blue(), new BalancerMetrics(90_000, 2_000), List.of(),
                fine.latency());
        GateInput refused = new GateInput(new TargetGroupMetrics(9_000, 9, 200, 0), fine.blue(), QUIET_BALANCER,
                List.of(), fine.latency());

        assertThat(Gate.evaluate(alarm, LIMITS, FIRST_STEP).reason()).startsWith("alarm in ALARM: blog-5xx");
        assertThat(Gate.evaluate(unhealthy, LIMITS, FIRST_STEP).reason()).contains("1 unhealthy host");
        assertThat(Gate.evaluate(balancer, LIMITS, FIRST_STEP).reason()).contains("its own 5xx");
        assertThat(Gate.evaluate(refused, LIMITS, FIRST_STEP).reason()).contains("could not connect");
    }

    @Test
    void everyStatisticalCheck_explainsItself() {
        GateVerdict verdict = Gate.evaluate(input(errors(9_000, 9), errors(81_000, 81), sameLatency(9_000, 81_000)),
                LIMITS, FIRST_STEP);

        List<Check> statistical = verdict.checks().stream().filter(c -> c.evidence() != null).toList();
        assertThat(statistical).hasSize(4);
        for (Check check : statistical) {
            GateVerdict.Evidence e = check.evidence();
            assertThat(e.test()).contains("anytime-valid");
            assertThat(e.alpha()).isPositive();
            assertThat(e.green().requests()).isPositive();
            assertThat(e.bound()).isCloseTo(Math.log(1 / e.alpha()), within(1e-9));
            assertThat(e.power()).isNotNull();
            assertThat(e.detectable()).isNotNull();
        }
    }

    @Test
    void theFalseRollbackRate_isSpreadOverEveryTestOfEveryStep_andNoMore() {
        double spent = 0;
        int[] steps = {10, 50, 100};
        for (int percent : steps) {
            Gate.Look look = new Gate.Look(steps.length, percent, true);
            spent += Gate.errorAlpha(LIMITS, look);
            if (percent < 100) {
                spent += (LIMITS.latencyQuantiles().size() + 1) * Gate.latencyAlpha(LIMITS, look);
            }
        }
        assertThat(spent).isLessThanOrEqualTo(LIMITS.falseRollbackRate() + 1e-15);
        assertThat(spent).isGreaterThan(0.9 * LIMITS.falseRollbackRate());
    }

    // --- inputs ---

    private static TargetGroupMetrics errors(long requests, long errors) {
        return new TargetGroupMetrics(requests, errors, 0, 0);
    }

    private static GateInput input(TargetGroupMetrics green, TargetGroupMetrics blue, LatencyInput latency) {
        return new GateInput(green, blue, QUIET_BALANCER, List.of(), latency);
    }

    /** Green and blue with the same log-normal latency: slow shares as they are at 1.2x the quantiles. */
    private static LatencyInput sameLatency(long green, long blue) {
        // for a log-normal with sigma 0.5: P(X > 1.2 q50) = 0.357, P(X > 1.2 q90) = 0.050, P(X > 1.2 q99) = 0.0036
        return latency(green, blue, Math.round(green * 0.357), Math.round(green * 0.050), Math.round(green * 0.0036));
    }

    private static LatencyInput latency(long green, long blue, long slowAtMedian, long slowAtP90, long slowAtP99) {
        List<Percentile> reference = new ArrayList<>();
        for (double q : new double[] {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999}) {
            reference.add(new Percentile(q, 6 * Math.exp(0.5 * Special.normalQuantile(q))));
        }
        long[] slow = {slowAtMedian, slowAtP90, slowAtP99};
        double[] levels = {0.5, 0.9, 0.99};
        List<QuantileCounts> counts = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            double t = 6 * Math.exp(0.5 * Special.normalQuantile(levels[i]));
            counts.add(new QuantileCounts(levels[i], 1.2, false, t, 1.2 * t, new Tally(slow[i], green),
                    new Tally(Math.round(blue * (1 - levels[i])), blue)));
        }
        return new LatencyInput("2026-03-01T10:00:10Z", "2026-03-01T10:01:10Z", 0, 5_000, reference, List.of(),
                counts, null);
    }

    /** Only the warm-up comparison: the median against 4x blue's, with {@code slowShare} of green above it. */
    private static LatencyInput warmingUp(long green, long blue, double slowShare) {
        LatencyInput full = latency(green, blue, 0, 0, 0);
        QuantileCounts median = full.quantiles().get(0);
        QuantileCounts warm = new QuantileCounts(0.5, 4, true, median.blueThresholdMs(), 4 * median.blueThresholdMs(),
                new Tally(Math.round(green * slowShare), green), median.blue());
        return new LatencyInput(full.from(), null, 1_700, full.referenceRequests(), full.reference(), List.of(),
                List.of(warm), null);
    }

    private static Check check(GateVerdict verdict, String name) {
        return verdict.checks().stream().filter(c -> c.name().contains(name)).findFirst().orElseThrow();
    }
}
