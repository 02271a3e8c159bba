package dev.greenlight.release.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.greenlight.release.gate.LatencyInput.Percentile;

/**
 * Blue's latency distribution as its percentiles describe it: between two known percentiles the log of the
 * latency is taken as linear in the normal score of the level (exact for a log-normal distribution, and close for
 * the skewed shapes response times have); beyond the outermost ones the end segments are extended. Used only to
 * ask "how many of blue's requests would be slower than this, if green were blue slowed by a factor", for the
 * gate's power and smallest detectable slowdown, never for the test itself.
 */
final class ReferenceDistribution {

    private final double[] logMs;
    private final double[] scores;

    ReferenceDistribution(List<Percentile> percentiles) {
        List<Percentile> usable = new ArrayList<>(percentiles.stream()
                .filter(p -> p.ms() > 0 && p.quantile() > 0 && p.quantile() < 1)
                .sorted(Comparator.comparingDouble(Percentile::quantile)).toList());
        // equal latencies at several levels: keep the highest level, so the distribution function is a function
        List<Percentile> distinct = new ArrayList<>();
        for (Percentile p : usable) {
            if (!distinct.isEmpty() && distinct.get(distinct.size() - 1).ms() >= p.ms()) {
                distinct.set(distinct.size() - 1, new Percentile(p.quantile(),
                        Math.max(p.ms(), distinct.get(distinct.size() - 1).ms())));
            } else {
                distinct.add(p);
            }
        }
        logMs = distinct.stream().mapToDouble(p -> Math.log(p.ms())).toArray();
        scores = distinct.stream().mapToDouble(p -> Special.normalQuantile(p.quantile())).toArray();
    }

    /** Whether there are at least two distinct percentiles to interpolate between. */
    boolean usable() {
        return logMs.length >= 2;
    }

    /** The latency at {@code level}: the inverse of {@link #survival}. */
    double quantile(double level) {
        if (!usable()) {
            throw new IllegalStateException("a distribution needs two distinct percentiles");
        }
        double score = Special.normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, level)));
        int last = scores.length - 1;
        int segment = 0;
        if (score >= scores[last]) {
            segment = last - 1;
        } else {
            while (segment < last - 1 && scores[segment + 1] < score) {
                segment++;
            }
        }
        double slope = (logMs[segment + 1] - logMs[segment]) / (scores[segment + 1] - scores[segment]);
        return Math.exp(logMs[segment] + slope * (score - scores[segment]));
    }

    /** The share of requests slower than {@code ms}. */
    double survival(double ms) {
        if (!usable()) {
            throw new IllegalStateException("a distribution needs two distinct percentiles");
        }
        double x = Math.log(Math.max(ms, 1e-9));
        int last = logMs.length - 1;
        int segment;
        if (x <= logMs[0]) {
            segment = 0;
        } else if (x >= logMs[last]) {
            segment = last - 1;
        } else {
            segment = 0;
            while (logMs[segment + 1] < x) {
                segment++;
            }
        }
        double slope = (scores[segment + 1] - scores[segment]) / (logMs[segment + 1] - logMs[segment]);
        double score = scores[segment] + slope * (x - logMs[segment]);
        return 1 - Special.normalCdf(score);
    }
}
