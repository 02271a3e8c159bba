package dev.greenlight.release.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.greenlight.release.gate.GateVerdict.Check;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.gate.LatencyInput.QuantileCounts;
import dev.greenlight.release.plan.GateThresholds;

/**
 * Decides whether green may take more traffic, by comparing it with blue over the same window of a step.
 *
 * <h2>What is counted</h2>
 * Per target group, from the ALB's CloudWatch metrics: RequestCount, HTTPCode_Target_5XX_Count (only the target's own
 * 5xx: a 4xx, which the blog answers to malformed or unauthorised requests, is the client's doing and never counts,
 * so no client can move the verdict at will), TargetConnectionErrorCount, UnHealthyHostCount, and
 * TargetResponseTime as counts of requests slower than a threshold (percentile rank PR(:t) times SampleCount).
 * Per load balancer: its own 5xx (HTTPCode_ELB_5XX_Count: the 502/503/504 it answers itself).
 *
 * <h2>The checks</h2>
 * <ol>
 * <li><b>Alarms</b>: any configured CloudWatch alarm in ALARM fails the gate.
 * <li><b>Unhealthy hosts</b>: green's UnHealthyHostCount above 0 at any time in the window fails it.
 * <li><b>Balancer 5xx</b> above {@code maxBalancerErrorRate} of all requests fails it.
 * <li><b>Connection errors</b> above {@code maxConnectionErrorRate} of green's requests fail it.
 * <li><b>Errors against the objective</b>: green fails when its 5xx rate is confidently above blue's by more than
 * {@code budgetMargin} of the error budget (1 - objective). At 100%, with no blue left, green's rate is held to the
 * budget plus that margin.
 * <li><b>Latency on the distribution</b>: at each configured quantile q (by default the median, p90 and p99),
 * green fails when a confidently larger share of its requests is slower than its tolerance times blue's q-quantile
 * than blue's share slower than the quantile itself (see {@link LatencyJudge}). A cold JVM is not a regression:
 * green's first {@code warmupSeconds} of traffic are left out, and until each green task has served
 * {@code warmupRequests} only its median is judged, against the wide {@code warmupTolerance} (see
 * {@link GateReadings}). Blue's quantiles come from its requests before the judged part.
 * </ol>
 *
 * <h2>Safe to look continuously</h2>
 * Each statistical check is an anytime-valid test (a confidence sequence, see {@link RateExcess}): the probability
 * that it ever fails a version that is no worse, over any number of looks at any times, is at most its α. The
 * release's false-rollback rate, 1 - {@code confidence}, is split by Bonferroni's inequality: evenly over the plan's
 * steps, and within a step half to the 5xx check and half over the latency checks (the configured quantiles and the
 * warm-up median; all of it to the 5xx check at 100%). So interim looks at every poll of a bake, the end-of-bake verdict, extensions and pauses together keep the
 * stated rate.
 *
 * <h2>PASS or INCONCLUSIVE</h2>
 * At the end of a bake, a step passes only if the gate could have caught what it is configured to catch: an
 * increase of {@code errorIncreaseToDetect} in green's 5xx rate, and green slowed by {@code latencyRatioToDetect},
 * each with probability {@code power}. Otherwise the verdict is INCONCLUSIVE and says how many more green requests
 * would get there. Interim looks only ever fail; anything else means "keep baking".
 */
public final class Gate {

    private Gate() {
    }

    /**
     * Where a look is in the release.
     *
     * @param steps     how many steps the plan has: the false-rollback rate is spread over them
     * @param percent   green's share at this step
     * @param endOfBake true for the verdict at the end of a bake (PASS needs enough evidence), false for an interim
     *                  look (only a FAIL counts)
     */
    public record Look(int steps, int percent, boolean endOfBake) {

        public Look {
            if (steps < 1 || percent < 1 || percent > 100) {
                throw new IllegalArgumentException("a look needs at least one step and a percent from 1 to 100");
            }
        }
    }

    public static GateVerdict evaluate(GateInput input, GateThresholds limits, Look look) {
        List<Check> checks = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        plainChecks(input, limits, checks, failures);

        Judgement errors = new ErrorJudge(limits, errorAlpha(limits, look), look.percent())
                .judge(input.green(), input.blue(), look.endOfBake());
        List<Judgement> latency = latency(input.latency(), limits, look);
        List<Judgement> judgements = new ArrayList<>();
        judgements.add(errors);
        judgements.addAll(latency);
        for (Judgement judgement : judgements) {
            checks.add(judgement.check());
            if (judgement.failed()) {
                failures.add(judgement.failure());
            }
        }
        if (!failures.isEmpty()) {
            return new GateVerdict(Verdict.FAIL, failures.get(0), checks, null);
        }
        String summary = summary(input);
        if (!look.endOfBake()) {
            return new GateVerdict(Verdict.PASS, "no regression so far: " + summary, checks, null);
        }
        long needed = needed(errors, latency);
        if (needed > 0) {
            String effects = ErrorJudge.points(limits.errorIncreaseToDetect()) + " of 5xx"
                    + (latency.isEmpty() ? "" : " and a " + LatencyJudge.ratio(limits.latencyRatioToDetect()) + " slowdown");
            return new GateVerdict(Verdict.INCONCLUSIVE, String.format(Locale.ROOT, "too little traffic to judge green"
                    + " yet: %s more green requests would let the gate catch %s (%s)",
                    needed >= Sensitivity.MAX_REQUESTS ? "far too many" : Long.toString(needed), effects, summary),
                    checks, needed);
        }
        return new GateVerdict(Verdict.PASS, "green is within every limit: " + summary, checks, null);
    }

    /** The 5xx check's share of the release's false-rollback rate at this look's step. */
    public static double errorAlpha(GateThresholds limits, Look look) {
        double step = limits.falseRollbackRate() / look.steps();
        return look.percent() < 100 && !limits.latencyQuantiles().isEmpty() ? step / 2 : step;
    }

    /**
     * Each latency check's share of the release's false-rollback rate at this look's step: one per configured
     * quantile, and one for the median while green warms up.
     */
    public static double latencyAlpha(GateThresholds limits, Look look) {
        double step = limits.falseRollbackRate() / look.steps();
        return step / 2 / (limits.latencyQuantiles().size() + 1);
    }

    private static List<Judgement> latency(LatencyInput latency, GateThresholds limits, Look look) {
        if (look.percent() == 100 || latency.skipped() != null || latency.quantiles().isEmpty()) {
            return List.of();
        }
        LatencyJudge judge = new LatencyJudge(limits, latencyAlpha(limits, look), look.percent(),
                new ReferenceDistribution(latency.reference()), new ReferenceDistribution(latency.windowBlue()));
        List<Judgement> judgements = new ArrayList<>();
        for (QuantileCounts counts : latency.quantiles()) {
            judgements.add(judge.judge(counts, latency.warmupRequestsLeft(), look.endOfBake()));
        }
        return judgements;
    }

    /** The requests the 5xx check needs, and those the best-placed latency check needs (one catching it is enough). */
    private static long needed(Judgement errors, List<Judgement> latency) {
        // the warm-up check takes no part: it is there for gross slowdowns only, and its neededRequests is null
        long needed = errors.neededRequests() == null ? 0 : errors.neededRequests();
        long latencyNeeded = latency.stream().map(Judgement::neededRequests).filter(n -> n != null)
                .mapToLong(Long::longValue).min().orElse(0);
        return Math.max(needed, latencyNeeded);
    }

    private static void plainChecks(GateInput input, GateThresholds limits, List<Check> checks, List<String> failures) {
        List<String> alarms = input.alarmsInAlarm();
        Check alarm = new Check("alarms in ALARM", alarms.size(), 0, alarms.isEmpty(),
                alarms.isEmpty() ? "none of " + limits.alarmNames() : String.join(", ", alarms));
        add(checks, failures, alarm, "alarm in ALARM: " + alarm.detail());

        TargetGroupMetrics green = input.green();
        Check unhealthy = new Check("green unhealthy hosts (max)", green.maxUnhealthyHosts(), 0,
                green.maxUnhealthyHosts() <= 0, "max UnHealthyHostCount " + count(green.maxUnhealthyHosts()));
        add(checks, failures, unhealthy, "green had " + count(green.maxUnhealthyHosts())
                + " unhealthy host(s) during the bake");

        BalancerMetrics balancer = input.balancer();
        Check elb = new Check("balancer 5xx rate", balancer.errorRate(), limits.maxBalancerErrorRate(),
                balancer.errorRate() <= limits.maxBalancerErrorRate(),
                balancer.elb5xx() + " of " + balancer.requests() + " requests");
        add(checks, failures, elb, "the load balancer answered " + ErrorJudge.pct(balancer.errorRate())
                + " of requests with its own 5xx (" + elb.detail() + "), above "
                + ErrorJudge.pct(limits.maxBalancerErrorRate()));

        double connectionRate = green.requests() == 0 ? 0 : (double) green.connectionErrors() / green.requests();
        Check connections = new Check("green connection error rate", connectionRate, limits.maxConnectionErrorRate(),
                connectionRate <= limits.maxConnectionErrorRate(),
                green.connectionErrors() + " of " + green.requests() + " requests");
        add(checks, failures, connections, "the balancer could not connect to green for " + connections.detail());
    }

    private static void add(List<Check> checks, List<String> failures, Check check, String failure) {
        checks.add(check);
        if (!check.passed()) {
            failures.add(failure);
        }
    }

    private static String summary(GateInput input) {
        Tally green = input.green().errors();
        Tally blue = input.blue().errors();
        return String.format(Locale.ROOT, "green 5xx %s (%s), blue %s (%s)", green, ErrorJudge.pct(green.rate()), blue,
                ErrorJudge.pct(blue.rate()));
    }

    /** A test's confidence, 1 - α, as a percentage with the digits that tell it from 100%: 99.97%, 99.9983%. */
    static String confidence(double alpha) {
        int decimals = Math.max(1, (int) Math.ceil(-Math.log10(alpha * 100)) + 1);
        return java.math.BigDecimal.valueOf((1 - alpha) * 100).setScale(decimals, java.math.RoundingMode.DOWN)
                .stripTrailingZeros().toPlainString() + "%";
    }

    private static String count(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
