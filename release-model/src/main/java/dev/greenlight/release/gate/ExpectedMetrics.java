package dev.greenlight.release.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.greenlight.release.gate.LatencyInput.Percentile;

/**
 * The metrics a release would read if green were exactly as good as blue: readers arrive at a steady rate, the
 * listener's weights split them between the two target groups, both answer the same share with a 5xx and take
 * the same time. Every figure is the expected value, so the gate's own code ({@link GateReadings}, {@link Gate},
 * {@link GateDecision}) can be run on it to preview what a plan will see and be able to catch.
 *
 * <p>What a query sees follows CloudWatch: data in periods of {@code resolutionSeconds}, from the period the window
 * starts in up to the last period published {@code delaySeconds} before the window ends.
 */
public final class ExpectedMetrics implements GateMetrics {

    private final double requestsPerSecond;
    private final double errorRate;
    private final ReferenceDistribution latency;
    private final String green;
    private final int resolutionSeconds;
    private final int delaySeconds;
    /** Green's share from each instant on, in percent; 0 before the first entry. */
    private final TreeMap<Instant, Integer> greenShare = new TreeMap<>();

    /**
     * @param requestsPerSecond the readers' requests a second, all target groups together
     * @param errorRate         the share of them answered with a 5xx by the targets
     * @param latency           the response times' percentiles; fewer than two means latency is not known
     * @param green             green's target group
     * @param resolutionSeconds the metrics' period (60 on AWS, 1 locally)
     * @param delaySeconds      how long after a period ends it can be read (60 on AWS, 0 locally)
     */
    public ExpectedMetrics(double requestsPerSecond, double errorRate, List<Percentile> latency, String green,
            int resolutionSeconds, int delaySeconds) {
        this.requestsPerSecond = requestsPerSecond;
        this.errorRate = errorRate;
        this.latency = new ReferenceDistribution(latency);
        this.green = green;
        this.resolutionSeconds = Math.max(1, resolutionSeconds);
        this.delaySeconds = Math.max(0, delaySeconds);
    }

    /** From {@code at} on, green gets {@code percent} of the requests. */
    public void shift(Instant at, int percent) {
        greenShare.put(at, percent);
    }

    /** Whether the response times are known well enough to judge latency on. */
    public boolean latencyKnown() {
        return latency.usable();
    }

    /** The median response time in milliseconds, or NaN when latency is not known. */
    public double medianMs() {
        return latency.usable() ? latency.quantile(0.5) : Double.NaN;
    }

    /** The expected requests a target group gets over [from, to), as CloudWatch would have them. */
    public double requests(String targetGroup, Instant from, Instant to) {
        Instant start = periodStart(from);
        Instant end = published(to);
        if (!end.isAfter(start)) {
            return 0;
        }
        double seconds = 0;
        Instant cursor = start;
        while (cursor.isBefore(end)) {
            Instant next = greenShare.higherKey(cursor);
            Instant segmentEnd = next == null || next.isAfter(end) ? end : next;
            double share = share(targetGroup, cursor);
            seconds += share * Duration.between(cursor, segmentEnd).toMillis() / 1000.0;
            cursor = segmentEnd;
        }
        return seconds * requestsPerSecond;
    }

    private double share(String targetGroup, Instant at) {
        var entry = greenShare.floorEntry(at);
        double percent = entry == null ? 0 : entry.getValue();
        return (targetGroup.equals(green) ? percent : 100 - percent) / 100.0;
    }

    @Override
    public TargetGroupMetrics targetGroup(String targetGroupArn, Instant from, Instant to) {
        long requests = Math.round(requests(targetGroupArn, from, to));
        return new TargetGroupMetrics(requests, Math.round(requests * errorRate), 0, 0);
    }

    @Override
    public BalancerMetrics balancer(Instant from, Instant to) {
        long requests = Math.round(requests(green, from, to) + requests("blue", from, to));
        return new BalancerMetrics(requests, 0);
    }

    @Override
    public LatencyPercentiles percentiles(String targetGroupArn, Instant from, Instant to, List<Double> levels) {
        long requests = Math.round(requests(targetGroupArn, from, to));
        if (requests == 0 || !latency.usable()) {
            return new LatencyPercentiles(requests, List.of());
        }
        List<Percentile> percentiles = new ArrayList<>();
        for (double level : levels) {
            percentiles.add(new Percentile(level, latency.quantile(level)));
        }
        return new LatencyPercentiles(requests, percentiles);
    }

    @Override
    public List<Tally> slowerThan(String targetGroupArn, Instant from, Instant to, List<Double> thresholdsMs) {
        long requests = Math.round(requests(targetGroupArn, from, to));
        List<Tally> tallies = new ArrayList<>();
        for (double threshold : thresholdsMs) {
            long slower = latency.usable() ? Math.round(requests * latency.survival(threshold)) : 0;
            tallies.add(new Tally(Math.min(slower, requests), requests));
        }
        return tallies;
    }

    @Override
    public Instant whenServed(String targetGroupArn, Instant from, Instant to, long requests, int periodSeconds) {
        int period = Math.max(1, periodSeconds);
        Instant first = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), period) * period).plusSeconds(period);
        if (first.isAfter(to)) {
            return null;
        }
        // the requests served grow with the end of the window: the first period end that reaches them, by bisection
        long last = Duration.between(first, to).getSeconds() / period;
        if (requests(targetGroupArn, from, first.plusSeconds(last * period)) < requests) {
            return null;
        }
        long low = -1;
        long high = last;
        while (high - low > 1) {
            long mid = (low + high) >>> 1;
            if (requests(targetGroupArn, from, first.plusSeconds(mid * period)) >= requests) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return first.plusSeconds(high * period);
    }

    @Override
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        return List.of();
    }

    private Instant periodStart(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), resolutionSeconds) * resolutionSeconds);
    }

    private Instant published(Instant to) {
        Instant readable = to.minusSeconds(delaySeconds);
        return Instant.ofEpochSecond(Math.floorDiv(readable.getEpochSecond(), resolutionSeconds) * resolutionSeconds);
    }
}
