package dev.greenlight.release.gate;

import java.util.List;

/**
 * Green's and blue's latency over the part of a step's window the gate judges, counted against thresholds taken
 * from blue's own earlier requests (its reference window, which ends where the judged part starts, so the
 * thresholds never depend on the requests they judge).
 *
 * @param from              where the judged part starts: the shift, or the end of green's warm-up
 * @param referenceRequests blue's requests in the reference window
 * @param reference         blue's TargetResponseTime percentiles over the reference window
 * @param quantiles         for each judged quantile, the thresholds and the counts of slower requests
 * @param skipped           why latency was not judged at this look (warm-up, no blue, too little reference); null
 *                          when it was
 */
public record LatencyInput(String from, long referenceRequests, List<Percentile> reference,
        List<QuantileCounts> quantiles, String skipped) {

    public LatencyInput {
        reference = reference == null ? List.of() : List.copyOf(reference);
        quantiles = quantiles == null ? List.of() : List.copyOf(quantiles);
    }

    /** Latency not judged at this look, and why. */
    public static LatencyInput skipped(String why) {
        return new LatencyInput(null, 0, List.of(), List.of(), why);
    }

    /**
     * One percentile of a latency distribution.
     *
     * @param quantile the level, e.g. 0.99
     * @param ms       the latency at that level, in milliseconds
     */
    public record Percentile(double quantile, double ms) {
    }

    /**
     * The counts behind one latency comparison: how many of green's requests were slower than {@code greenThresholdMs}
     * (the tolerance times blue's reference quantile), and how many of blue's slower than the quantile itself.
     *
     * @param quantile         the quantile compared, e.g. 0.5
     * @param blueThresholdMs  blue's reference latency at that quantile
     * @param greenThresholdMs the tolerance times that
     * @param green            green's requests slower than greenThresholdMs, of all its judged requests
     * @param blue             blue's requests slower than blueThresholdMs, of all its judged requests
     */
    public record QuantileCounts(double quantile, double blueThresholdMs, double greenThresholdMs, Tally green,
            Tally blue) {
    }
}
