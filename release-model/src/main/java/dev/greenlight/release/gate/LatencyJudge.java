package dev.greenlight.release.gate;

import java.util.Locale;

import dev.greenlight.release.gate.GateVerdict.Check;
import dev.greenlight.release.gate.GateVerdict.Evidence;
import dev.greenlight.release.gate.LatencyInput.QuantileCounts;
import dev.greenlight.release.plan.GateThresholds;

/**
 * One latency check: at quantile q, is green slower than the tolerance allows?
 *
 * <p>Blue's q-quantile t comes from its reference window, before the judged part. Green is within the tolerance r
 * when its own q-quantile is at most r·t, that is when no larger a share of green's requests is slower than r·t
 * than of blue's requests is slower than t. Both shares are counts of requests (CloudWatch's percentile rank,
 * PR(:threshold), times SampleCount), so the same anytime-valid two-rate test as for errors applies, with no
 * margin: fail when green's share of slow requests is confidently above blue's. Counting requests against a
 * threshold judges the whole distribution at that point rather than two noisy percentile estimates, and a few
 * slow requests cannot decide it on their own.
 */
final class LatencyJudge {

    static final String TEST = "anytime-valid confidence sequence for green's minus blue's share of slow requests"
            + " (product of two beta-binomial mixture martingales on percentile-rank counts)";

    private final GateThresholds limits;
    private final double alpha;
    private final int percent;
    private final ReferenceDistribution reference;
    private final ReferenceDistribution judged;

    /**
     * @param reference blue's distribution in the reference window: it places the test's prior, so it must not
     *                  depend on the requests judged
     * @param judged    blue's distribution over the judged part where known (else the reference): the power, the
     *                  smallest detectable slowdown and the requests needed are worked out on it
     */
    LatencyJudge(GateThresholds limits, double alpha, int percent, ReferenceDistribution reference,
            ReferenceDistribution judged) {
        this.limits = limits;
        this.alpha = alpha;
        this.percent = percent;
        this.reference = reference;
        this.judged = judged.usable() ? judged : reference;
    }

    /**
     * @param counts      the counts of one comparison
     * @param warmupLeft  how many requests green must still serve before the tolerances apply: they come first
     * @param endOfBake   whether to work out the power and the requests needed
     */
    Judgement judge(QuantileCounts counts, long warmupLeft, boolean endOfBake) {
        double q = counts.quantile();
        double nominal = 1 - q;
        double tolerance = counts.tolerance();
        double effect = limits.latencyRatioToDetect();
        double prior = reference.usable() ? slowShareIfSlower(reference, counts, effect) : Math.min(0.99, 2 * nominal);
        RateExcess test = new RateExcess(BetaMixture.centredOn(Math.max(prior, nominal), 1),
                BetaMixture.centredOn(nominal, 1), alpha);
        Tally green = counts.green();
        Tally blue = counts.blue();
        boolean failed = test.exceeds(green, blue, 0);
        if (!endOfBake && !failed) {
            return Judgement.quiet("green " + label(q) + " latency" + (counts.warmingUp() ? " while warming up" : ""));
        }
        double bound = green.requests() == 0 ? -1 : test.lowerBound(green, blue);
        Double power = null;
        Double detectable = null;
        Long needed = null;
        if (endOfBake && judged.usable() && !counts.warmingUp()) {
            double alternative = slowShareIfSlower(judged, counts, effect);
            double blueShare = blue.requests() > 0 ? blue.rate() : nominal;
            double ratio = blue.requests() > 0 && green.requests() > 0 ? (double) blue.requests() / green.requests()
                    : (100.0 - percent) / percent;
            power = test.power(green.requests(), alternative, blue.requests(), blueShare, 0);
            detectable = Sensitivity.smallestEffect(r -> test.power(green.requests(),
                    slowShareIfSlower(judged, counts, r), blue.requests(), blueShare, 0), limits.power(), tolerance, 100);
            // a slowdown within this quantile's tolerance is not this check's to catch
            needed = effect <= tolerance ? null : warmupLeft + Sensitivity.moreRequests(n -> test.power(n,
                    alternative, Math.round(n * ratio), blueShare, 0), limits.power(), green.requests());
        }
        String name = "green " + label(q) + " latency" + (counts.warmingUp() ? " while warming up" : "") + " within "
                + ratio(tolerance) + " of blue's (lower bound of the slow-share excess, " + Gate.confidence(alpha)
                + " over all looks)";
        String detail = String.format(Locale.ROOT, "green %s slower than %s (%s blue's %s of %s), blue %s slower"
                + " than %s", share(green), ms(counts.greenThresholdMs()), ratio(tolerance), label(q),
                ms(counts.blueThresholdMs()), share(blue), ms(counts.blueThresholdMs()))
                + (green.requests() == 0 && !counts.warmingUp() ? "; green has not served its warm-up requests yet"
                        : "")
                + sensitivity(detectable, needed);
        Evidence evidence = new Evidence(TEST, alpha, green, blue, test.evidence(green, blue, 0), test.threshold(),
                bound, power, detectable, "latency ratio", needed);
        Check check = new Check(name, bound, 0, !failed, detail, evidence);
        String failure = failed ? String.format(Locale.ROOT, "green is slower than blue at %s%s: %s of green's"
                + " requests took longer than %s (%s blue's %s of %s), against %s of blue's; at least %s points more"
                + " (%s over all looks)", label(q), counts.warmingUp() ? " while warming up" : "", pct(green.rate()),
                ms(counts.greenThresholdMs()), ratio(tolerance),
                label(q), ms(counts.blueThresholdMs()), pct(blue.rate()), points(bound), Gate.confidence(alpha)) : null;
        return new Judgement(check, failure, needed);
    }

    /** The share of green's requests slower than its threshold if green were {@code blue} slowed by {@code factor}. */
    private static double slowShareIfSlower(ReferenceDistribution blue, QuantileCounts counts, double factor) {
        return blue.survival(counts.greenThresholdMs() / factor);
    }

    private static String sensitivity(Double detectable, Long needed) {
        return Judgement.sensitivity(detectable, needed, "even a 100x slowdown", r -> ratio(r) + " slower or more");
    }

    static String label(double quantile) {
        double p = quantile * 100;
        return p == Math.rint(p) ? "p" + (long) p : String.format(Locale.ROOT, "p%s", strip(p));
    }

    private static String strip(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String share(Tally tally) {
        return tally + " (" + pct(tally.rate()) + ")";
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : "%.1f ms", ms);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static String points(double fraction) {
        return String.format(Locale.ROOT, "%.1f", fraction * 100);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
