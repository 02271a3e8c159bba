package dev.greenlight.release.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeSet;

import dev.greenlight.release.gate.GateMetrics.LatencyPercentiles;
import dev.greenlight.release.gate.LatencyInput.Percentile;
import dev.greenlight.release.gate.LatencyInput.QuantileCounts;
import dev.greenlight.release.plan.GateThresholds;

/**
 * Reads what the gate judges at one look of a step whose window is [{@code from}, {@code to}).
 *
 * <p>A JVM that has just started is slow, and warms up with the requests it serves. So green's latency is not
 * judged at all during its first {@code warmupSeconds} of traffic; then, until each green task has served
 * {@code warmupRequests}, only its median, against the wide {@code warmupTolerance} (a gross slowdown still fails at
 * once); after that at every configured quantile against its tolerance. Where these parts start depends only on
 * time and on how many requests green served, never on how fast it answered them, and they start on the metrics'
 * boundaries (a minute on AWS) so no request of one part falls into the next.
 *
 * <p>Blue's quantiles, which become green's thresholds, come from blue's requests in a reference window: the
 * {@code baselineSeconds} just before the part they judge (the warm-up part, or the part after it), so they describe
 * blue as it was just before and never depend on the requests they judge. For an end-of-bake verdict, blue's
 * percentiles over the judged part itself are read too: the gate's power and smallest detectable slowdown are
 * worked out on them, so a blue that got faster or slower since its reference window does not mislead them (the
 * test itself stays on the reference thresholds).
 */
public final class GateReadings {

    /** The percentiles read from the reference window: enough to describe blue's distribution for the power. */
    public static final List<Double> LADDER = List.of(0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999);

    /** A quantile is judged only with this many reference requests per request above it (for p90: 100). */
    static final int REFERENCE_REQUESTS_PER_TAIL_REQUEST = 10;

    private final GateMetrics metrics;
    private final int resolutionSeconds;

    /**
     * @param metrics           where the metrics come from
     * @param resolutionSeconds how finely the metrics are kept (60 s on AWS, 1 s locally)
     */
    public GateReadings(GateMetrics metrics, int resolutionSeconds) {
        this.metrics = metrics;
        this.resolutionSeconds = Math.max(1, resolutionSeconds);
    }

    /**
     * One look's input.
     *
     * @param limits     the gate's thresholds
     * @param green      green's target group
     * @param greenTasks how many tasks green runs: each warms up with its own requests
     * @param blue       blue's target group; null on a first release
     * @param percent    green's share at this step
     * @param firstShift when green first got traffic; null means at {@code from}
     * @param from       the step's shift
     * @param to         now
     * @param verdict    whether this is an end-of-bake verdict, which also reads blue's percentiles over the
     *                   judged part for the power
     */
    public GateInput read(GateThresholds limits, String green, int greenTasks, String blue, int percent,
            Instant firstShift, Instant from, Instant to, boolean verdict) {
        return read(limits, green, greenTasks, blue, percent, firstShift, from, to, verdict,
                Collections.emptyNavigableMap());
    }

    /**
     * One look's input, leaving out the smoke test's requests.
     *
     * @param smoke the smoke test's requests by the second they were answered. A window's first metrics period
     *              starts before the shift (CloudWatch counts by whole periods), so green's and the balancer's
     *              RequestCount hold the smoke requests answered in it; they are left out, as requests that are
     *              not traffic (they all answered 200, or the release would not be here)
     */
    public GateInput read(GateThresholds limits, String green, int greenTasks, String blue, int percent,
            Instant firstShift, Instant from, Instant to, boolean verdict, NavigableMap<Instant, Long> smoke) {
        long smokeRequests = smokeIn(smoke, from, to);
        TargetGroupMetrics greenMetrics = metrics.targetGroup(green, from, to).less(smokeRequests);
        TargetGroupMetrics blueMetrics = blue == null ? TargetGroupMetrics.NONE : metrics.targetGroup(blue, from, to);
        LatencyInput latency = blue == null || percent == 100
                ? LatencyInput.skipped("no blue traffic to compare with at 100%")
                : latency(limits, green, greenTasks, blue, firstShift == null ? from : firstShift, from, to, verdict,
                        smoke);
        return new GateInput(greenMetrics, blueMetrics, metrics.balancer(from, to).less(smokeRequests),
                metrics.alarmsInAlarm(limits.alarmNames()), latency, smokeRequests);
    }

    /** The smoke requests CloudWatch counts in [from, to): those answered from the start of from's period. */
    private long smokeIn(NavigableMap<Instant, Long> smoke, Instant from, Instant to) {
        return smoke.subMap(periodStart(from), true, to, false).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The start of the metrics period {@code instant} falls in. */
    private Instant periodStart(Instant instant) {
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), resolutionSeconds) * resolutionSeconds);
    }

    /** Where the judged part of a step's latency starts: after green's warm-up seconds, on a metrics boundary. */
    public Instant judgedFrom(GateThresholds limits, Instant firstShift, Instant from) {
        Instant warm = firstShift.plusSeconds(limits.warmupSeconds());
        return aligned(warm.isAfter(from) ? warm : from);
    }

    private Instant aligned(Instant instant) {
        long seconds = instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(Math.floorDiv(seconds + resolutionSeconds - 1, resolutionSeconds)
                * resolutionSeconds);
    }

    private LatencyInput latency(GateThresholds limits, String green, int greenTasks, String blue,
            Instant firstShift, Instant from, Instant to, boolean verdict, NavigableMap<Instant, Long> smoke) {
        if (limits.latencyQuantiles().isEmpty()) {
            return LatencyInput.skipped("no latency quantiles are configured");
        }
        if (limits.baselineSeconds() == 0) {
            return LatencyInput.skipped("no reference window: gate.baselineSeconds is 0");
        }
        Instant judgedFrom = judgedFrom(limits, firstShift, from);
        long warmup = (long) limits.warmupRequests() * Math.max(1, greenTasks);
        // green warms up on readers' requests; whenServed counts the smoke requests of its first period too
        long smokeRequests = smokeIn(smoke, firstShift, to);
        Instant served = warmup == 0 ? firstShift : metrics.whenServed(green, firstShift, to, warmup + smokeRequests,
                resolutionSeconds);
        Instant warmFrom = served == null ? null : max(judgedFrom, aligned(served));
        long warmupLeft = served != null ? 0
                : Math.max(0, warmup - metrics.targetGroup(green, firstShift, to).less(smokeRequests).requests());
        List<Double> levels = levels(limits);

        List<QuantileCounts> counts = new ArrayList<>();
        LatencyPercentiles warmReference = null;
        if (warmFrom == null || warmFrom.isAfter(judgedFrom)) {
            warmReference = metrics.percentiles(blue, judgedFrom.minusSeconds(limits.baselineSeconds()), judgedFrom,
                    levels);
            Percentile median = threshold(warmReference, 0.5);
            if (median != null) {
                counts.addAll(counts(green, blue, List.of(median), List.of(limits.warmupTolerance()), true,
                        judgedFrom, warmFrom == null ? to : min(warmFrom, to)));
            }
        }
        LatencyPercentiles reference = warmFrom == null ? warmReference
                : metrics.percentiles(blue, warmFrom.minusSeconds(limits.baselineSeconds()), warmFrom, levels);
        List<Percentile> thresholds = new ArrayList<>();
        List<Double> tolerances = new ArrayList<>();
        for (int i = 0; i < limits.latencyQuantiles().size(); i++) {
            Percentile threshold = threshold(reference, limits.latencyQuantiles().get(i));
            if (threshold != null) {
                thresholds.add(threshold);
                tolerances.add(limits.latencyTolerance(i));
            }
        }
        counts.addAll(counts(green, blue, thresholds, tolerances, false, warmFrom == null ? to : warmFrom, to));
        if (counts.isEmpty()) {
            return LatencyInput.skipped("blue served only " + reference.requests() + " requests in the "
                    + limits.baselineSeconds() + " s before " + (warmFrom == null ? judgedFrom : warmFrom)
                    + ", too few for any latency quantile");
        }
        List<Percentile> windowBlue = verdict && warmFrom != null && warmFrom.isBefore(to)
                ? metrics.percentiles(blue, warmFrom, to, levels).percentiles() : List.of();
        return new LatencyInput(judgedFrom.toString(), warmFrom == null ? null : warmFrom.toString(), warmupLeft,
                reference.requests(), reference.percentiles(), windowBlue, counts, null);
    }

    private static List<Double> levels(GateThresholds limits) {
        TreeSet<Double> levels = new TreeSet<>(LADDER);
        levels.addAll(limits.latencyQuantiles());
        return List.copyOf(levels);
    }

    /** Blue's reference latency at a quantile, if the reference window had requests enough to tell it. */
    private Percentile threshold(LatencyPercentiles reference, double q) {
        if (reference == null) {
            return null;
        }
        return reference.percentiles().stream().filter(p -> p.quantile() == q).findFirst()
                .filter(p -> reference.requests() * (1 - q) >= REFERENCE_REQUESTS_PER_TAIL_REQUEST)
                .map(p -> new Percentile(q, metrics.expressible(p.ms()))).orElse(null);
    }

    /** Green's requests slower than tolerance × threshold and blue's slower than the threshold, over [from, to). */
    private List<QuantileCounts> counts(String green, String blue, List<Percentile> thresholds, List<Double> tolerances,
            boolean warmingUp, Instant from, Instant to) {
        if (thresholds.isEmpty()) {
            return List.of();
        }
        List<Double> greenMs = new ArrayList<>();
        for (int i = 0; i < thresholds.size(); i++) {
            greenMs.add(metrics.expressible(thresholds.get(i).ms() * tolerances.get(i)));
        }
        boolean judged = from.isBefore(to);
        List<Tally> greenSlow = judged ? metrics.slowerThan(green, from, to, greenMs) : null;
        List<Tally> blueSlow = judged ? metrics.slowerThan(blue, from, to, thresholds.stream().map(Percentile::ms)
                .toList()) : null;
        List<QuantileCounts> counts = new ArrayList<>();
        for (int i = 0; i < thresholds.size(); i++) {
            counts.add(new QuantileCounts(thresholds.get(i).quantile(), tolerances.get(i), warmingUp,
                    thresholds.get(i).ms(), greenMs.get(i), judged ? greenSlow.get(i) : Tally.NONE,
                    judged ? blueSlow.get(i) : Tally.NONE));
        }
        return counts;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
