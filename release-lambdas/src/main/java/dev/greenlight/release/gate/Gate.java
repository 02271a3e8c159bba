package dev.greenlight.release.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.greenlight.release.gate.GateVerdict.Check;
import dev.greenlight.release.gate.GateVerdict.Verdict;
import dev.greenlight.release.plan.GateThresholds;

/**
 * Decides whether green may take more traffic, by comparing it with blue over the same bake window.
 *
 * <p>The checks, in order; the first that fails decides:
 * <ol>
 * <li><b>Alarms</b>: any configured CloudWatch alarm in ALARM fails the gate.
 * <li><b>Unhealthy hosts</b>: green's UnHealthyHostCount above 0 at any time in the window fails it.
 * <li><b>Balancer 5xx</b>: the load balancer's own 5xx (502/503/504 it answers itself, counted per load
 * balancer) above {@code maxBalancerErrorRate} of all requests fails it.
 * <li><b>Enough traffic</b>: fewer than {@code minRequests} green requests gives INCONCLUSIVE: nothing
 * below can be judged.
 * <li><b>Target 5xx</b>, statistically: the gate fails only when it is confident, at the one-sided level
 * {@code confidence} (default 99%), that green's 5xx rate exceeds blue's by more than
 * {@code maxErrorRateIncrease} (default one percentage point). The bound on the difference of the two
 * rates is Newcombe's hybrid score interval, built from each rate's Wilson score interval, which stays
 * sound at rates near zero and at small counts, where the normal approximation does not. So 1 error in
 * 2,000 on green against 0 in 18,000 on blue passes (the difference, 0.05 points, is far below the margin),
 * while 5% against 0.1% over a few hundred requests fails. Without blue traffic (the 100% step) green's
 * rate is held to the margin on its own.
 * <li><b>Latency</b>: green's p99 fails the gate when it is above {@code maxLatencyRatio} times blue's
 * <em>and</em> more than {@code minLatencyIncreaseMs} above it, so tiny absolute changes on a fast page do
 * not fail a release. Skipped without blue traffic to compare with.
 * <li><b>Connection errors</b>: green's TargetConnectionErrorCount above {@code maxConnectionErrorRate} of
 * its requests fails it.
 * </ol>
 *
 * <p>{@link #interim} is the look the bake takes at every check of the operator controls, so that a version that
 * fails early is rolled back without serving the rest of the bake.
 */
public final class Gate {

    private Gate() {
    }

    /** The confidence an interim look needs at least: a bake looks many times, and each look may err. */
    public static final double INTERIM_CONFIDENCE = 0.999;

    /** The verdict over a whole bake window. */
    public static GateVerdict evaluate(GateInput input, GateThresholds limits) {
        return evaluate(input, limits, true);
    }

    /**
     * An interim look over the bake so far. Every check but latency, with the 5xx check at the stricter of the
     * configured confidence and {@link #INTERIM_CONFIDENCE} (with ten looks per bake, false failures stay near
     * 1%). Latency is left to the end of the bake: over a short window the p99 is green's few slowest requests,
     * which a JVM that has just started can make slow for a moment. Only a FAIL counts; PASS and INCONCLUSIVE
     * mean "keep baking".
     */
    public static GateVerdict interim(GateInput input, GateThresholds limits) {
        return evaluate(input, limits.withConfidence(Math.max(limits.confidence(), INTERIM_CONFIDENCE)), false);
    }

    private static GateVerdict evaluate(GateInput input, GateThresholds limits, boolean judgeLatency) {
        List<Check> checks = new ArrayList<>();
        TargetGroupMetrics green = input.green();
        TargetGroupMetrics blue = input.blue();

        Check alarms = new Check("alarms in ALARM", input.alarmsInAlarm().size(), 0, input.alarmsInAlarm().isEmpty(),
                input.alarmsInAlarm().isEmpty() ? "none of " + limits.alarmNames() : String.join(", ", input.alarmsInAlarm()));
        checks.add(alarms);
        if (!alarms.passed()) {
            return fail("alarm in ALARM: " + alarms.detail(), checks);
        }

        Check unhealthy = new Check("green unhealthy hosts (max)", green.maxUnhealthyHosts(), 0,
                green.maxUnhealthyHosts() <= 0, "max UnHealthyHostCount " + fmt(green.maxUnhealthyHosts()));
        checks.add(unhealthy);
        if (!unhealthy.passed()) {
            return fail("green had " + fmt(green.maxUnhealthyHosts()) + " unhealthy host(s) during the bake", checks);
        }

        BalancerMetrics balancer = input.balancer();
        Check elb = new Check("balancer 5xx rate", balancer.errorRate(), limits.maxBalancerErrorRate(),
                balancer.errorRate() <= limits.maxBalancerErrorRate(),
                balancer.elb5xx() + " of " + balancer.requests() + " requests");
        checks.add(elb);
        if (!elb.passed()) {
            return fail("the load balancer answered " + pct(balancer.errorRate()) + " of requests with its own 5xx ("
                    + elb.detail() + "), above " + pct(limits.maxBalancerErrorRate()), checks);
        }

        Check traffic = new Check("green requests", green.requests(), limits.minRequests(),
                green.requests() >= limits.minRequests(), green.requests() + " requests, need " + limits.minRequests());
        checks.add(traffic);
        if (!traffic.passed()) {
            return new GateVerdict(Verdict.INCONCLUSIVE, "too little traffic to judge green: " + traffic.detail(),
                    checks);
        }

        double z = Statistics.oneSidedZ(limits.confidence());
        double lowerBound = blue.requests() > 0
                ? Statistics.differenceLowerBound(green.target5xx(), green.requests(), blue.target5xx(), blue.requests(), z)
                : Statistics.wilsonLower(green.target5xx(), green.requests(), z);
        Check errors = new Check("green 5xx rate above blue (lower bound at " + pct(limits.confidence()) + ")",
                lowerBound, limits.maxErrorRateIncrease(), lowerBound <= limits.maxErrorRateIncrease(),
                String.format(Locale.ROOT, "green %d/%d (%s), blue %d/%d (%s)", green.target5xx(), green.requests(),
                        pct(green.errorRate()), blue.target5xx(), blue.requests(), pct(blue.errorRate())));
        checks.add(errors);
        if (!errors.passed()) {
            return fail("green's 5xx rate is higher than blue's beyond the margin: " + errors.detail(), checks);
        }

        if (judgeLatency && blue.requests() > 0 && !Double.isNaN(blue.p99LatencyMs())
                && !Double.isNaN(green.p99LatencyMs())) {
            double allowed = Math.max(blue.p99LatencyMs() * limits.maxLatencyRatio(),
                    blue.p99LatencyMs() + limits.minLatencyIncreaseMs());
            Check latency = new Check("green p99 latency (ms)", green.p99LatencyMs(), allowed,
                    green.p99LatencyMs() <= allowed,
                    "green p99 " + fmt(green.p99LatencyMs()) + " ms, blue p99 " + fmt(blue.p99LatencyMs()) + " ms");
            checks.add(latency);
            if (!latency.passed()) {
                return fail("green is slower than blue: " + latency.detail() + ", allowed " + fmt(allowed) + " ms",
                        checks);
            }
        }

        double connectionRate = (double) green.connectionErrors() / green.requests();
        Check connections = new Check("green connection error rate", connectionRate, limits.maxConnectionErrorRate(),
                connectionRate <= limits.maxConnectionErrorRate(),
                green.connectionErrors() + " of " + green.requests() + " requests");
        checks.add(connections);
        if (!connections.passed()) {
            return fail("the balancer could not connect to green for " + connections.detail(), checks);
        }

        return new GateVerdict(Verdict.PASS, "green is within every limit: " + errors.detail(), checks);
    }

    private static GateVerdict fail(String reason, List<Check> checks) {
        return new GateVerdict(Verdict.FAIL, reason, checks);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
