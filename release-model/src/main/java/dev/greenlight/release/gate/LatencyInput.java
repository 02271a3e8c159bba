package dev.greenlight.release.gate;

import java.util.List;

/**
 * Green's and blue's latency over the part of a step's window the gate judges, counted against thresholds taken
 * from blue's own earlier requests (its reference window, which ends where the judged part starts, so the
 * thresholds never depend on the requests they judge).
 *
 * @param from              where the judged part starts: the shift, or the end of green's first warmupSeconds
 * @param warmFrom          from when green had served its warm-up requests and is held to the tolerances; null
 *                          while it has not
 * @param warmupRequestsLeft how many more requests green must serve before that; 0 once it has
 * @param referenceRequests blue's requests in the reference window of the comparisons after the warm-up
 * @param reference         blue's TargetResponseTime percentiles over it
 * @param windowBlue        for an end-of-bake verdict, blue's percentiles over the judged part after the warm-up,
 *                          for the power; empty otherwise
 * @param quantiles         for each judged quantile, the thresholds and the counts of slower requests
 * @param skipped           why latency was not judged at this look (warm-up, no blue, too little reference); null
 *                          when it was
 */
public record LatencyInput(String from, String warmFrom, long warmupRequestsLeft, long referenceRequests,
        List<Percentile> reference, List<Percentile> windowBlue, List<QuantileCounts> quantiles, String skipped) {

    public LatencyInput {
        reference = reference == null ? List.of() : List.copyOf(reference);
        windowBlue = windowBlue == null ? List.of() : List.copyOf(windowBlue);
        quantiles = quantiles == null ? List.of() : List.copyOf(quantiles);
    }

    /** Latency not judged at this look, and why. */
    public static LatencyInput skipped(String why) {
        return new LatencyInput(null, null, 0, 0, List.of(), List.of(), List.of(), why);
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
     * @param tolerance        how much slower green may be there
     * @param warmingUp        true for the comparison over green's warm-up requests (median only, a wide tolerance)
     * @param blueThresholdMs  blue's reference latency at that quantile
     * @param greenThresholdMs the tolerance times that
     * @param green            green's requests slower than greenThresholdMs, of all its judged requests
     * @param blue             blue's requests slower than blueThresholdMs, of all its judged requests
     */
    public record QuantileCounts(double quantile, double tolerance, boolean warmingUp, double blueThresholdMs,
            double greenThresholdMs, Tally green, Tally blue) {
    }
}
