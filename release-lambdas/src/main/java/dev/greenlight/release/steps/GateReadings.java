package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.aws.Metrics;
import dev.greenlight.release.aws.Metrics.LatencyPercentiles;
import dev.greenlight.release.gate.GateInput;
import dev.greenlight.release.gate.LatencyInput;
import dev.greenlight.release.gate.LatencyInput.Percentile;
import dev.greenlight.release.gate.LatencyInput.QuantileCounts;
import dev.greenlight.release.gate.Tally;
import dev.greenlight.release.gate.TargetGroupMetrics;
import dev.greenlight.release.plan.GateThresholds;

/**
 * Reads what the gate judges at one look, from CloudWatch, for a step's window [{@code from}, {@code to}).
 *
 * <p>Latency is judged from {@code max(from, first shift + warmupSeconds)}: green's first seconds of traffic, when
 * a JVM that has just started is slow, are left out. Blue's quantiles, green's thresholds, come from blue's
 * requests in the reference window [first shift - baselineSeconds, start of the judged part): before the requests
 * they judge, so the counts stay independent of them.
 */
final class GateReadings {

    /** The percentiles read from the reference window: enough to describe blue's distribution for the power. */
    static final List<Double> LADDER = List.of(0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999);

    /** A quantile is judged only with this many reference requests per request above it (10 for p90: 100). */
    static final int REFERENCE_REQUESTS_PER_TAIL_REQUEST = 10;

    private final Metrics metrics;

    GateReadings(Metrics metrics) {
        this.metrics = metrics;
    }

    GateInput read(ReleaseContext release, StepRequest.Step step, Instant from, Instant to) {
        TargetGroupMetrics green = metrics.targetGroup(release.green().targetGroupArn(), from, to);
        TargetGroupMetrics blue = release.blue() == null ? TargetGroupMetrics.NONE
                : metrics.targetGroup(release.blue().targetGroupArn(), from, to);
        return new GateInput(green, blue, metrics.balancer(from, to),
                metrics.alarmsInAlarm(release.plan().gate().alarmNames()), latency(release, step, from, to));
    }

    private LatencyInput latency(ReleaseContext release, StepRequest.Step step, Instant from, Instant to) {
        GateThresholds limits = release.plan().gate();
        if (release.blue() == null || step.percent() == 100) {
            return LatencyInput.skipped("no blue traffic to compare with at 100%");
        }
        if (limits.latencyQuantiles().isEmpty()) {
            return LatencyInput.skipped("no latency quantiles are configured");
        }
        Instant firstShift = step.firstShiftedAt() == null ? from : ReleaseSteps.time(step.firstShiftedAt(),
                "step.firstShiftedAt");
        Instant judgedFrom = max(from, firstShift.plusSeconds(limits.warmupSeconds()));
        Instant referenceFrom = firstShift.minusSeconds(limits.baselineSeconds());
        if (!referenceFrom.isBefore(judgedFrom)) {
            return LatencyInput.skipped("no reference window: gate.baselineSeconds and gate.warmupSeconds are 0");
        }
        String blueGroup = release.blue().targetGroupArn();
        TreeSet<Double> levels = new TreeSet<>(LADDER);
        levels.addAll(limits.latencyQuantiles());
        LatencyPercentiles reference = metrics.percentiles(blueGroup, referenceFrom, judgedFrom, List.copyOf(levels));

        List<Percentile> thresholds = new ArrayList<>();
        for (double q : limits.latencyQuantiles()) {
            reference.percentiles().stream().filter(p -> p.quantile() == q).findFirst()
                    .filter(p -> reference.requests() * (1 - q) >= REFERENCE_REQUESTS_PER_TAIL_REQUEST)
                    .ifPresent(p -> thresholds.add(new Percentile(q, Metrics.roundedMs(p.ms()))));
        }
        if (thresholds.isEmpty()) {
            return LatencyInput.skipped("blue served only " + reference.requests() + " requests in the reference"
                    + " window (" + referenceFrom + " to " + judgedFrom + "), too few for any latency quantile");
        }
        List<QuantileCounts> counts = new ArrayList<>();
        List<Tally> green = List.of();
        List<Tally> blue = List.of();
        if (judgedFrom.isBefore(to)) {
            green = metrics.slowerThan(release.green().targetGroupArn(), judgedFrom, to, thresholds.stream()
                    .map(p -> Metrics.roundedMs(p.ms() * limits.latencyTolerance())).toList());
            blue = metrics.slowerThan(blueGroup, judgedFrom, to, thresholds.stream().map(Percentile::ms).toList());
        }
        for (int i = 0; i < thresholds.size(); i++) {
            Percentile t = thresholds.get(i);
            counts.add(new QuantileCounts(t.quantile(), t.ms(), Metrics.roundedMs(t.ms() * limits.latencyTolerance()),
                    green.isEmpty() ? Tally.NONE : green.get(i), blue.isEmpty() ? Tally.NONE : blue.get(i)));
        }
        return new LatencyInput(judgedFrom.toString(), reference.requests(), reference.percentiles(), counts, null);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
