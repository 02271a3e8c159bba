package dev.greenlight.release.preview;

import java.time.Instant;
import java.util.List;

import dev.greenlight.release.gate.BalancerMetrics;
import dev.greenlight.release.gate.GateMetrics;
import dev.greenlight.release.gate.Tally;
import dev.greenlight.release.gate.TargetGroupMetrics;

/**
 * Counts the CloudWatch metrics the gate's reads request, as the release functions' CloudWatch reader asks for
 * them: one GetMetricData per read, with four metrics for a target group, two for the balancer, the sample count
 * and one statistic per level or threshold for latency, one for the requests served.
 */
final class MetricRequests implements GateMetrics {

    private final GateMetrics metrics;
    private long requested;

    MetricRequests(GateMetrics metrics) {
        this.metrics = metrics;
    }

    long requested() {
        return requested;
    }

    /** Counts metrics requested by a read that was not made again. */
    void add(long metrics) {
        requested += metrics;
    }

    @Override
    public TargetGroupMetrics targetGroup(String targetGroupArn, Instant from, Instant to) {
        requested += 4;
        return metrics.targetGroup(targetGroupArn, from, to);
    }

    @Override
    public BalancerMetrics balancer(Instant from, Instant to) {
        requested += 2;
        return metrics.balancer(from, to);
    }

    @Override
    public LatencyPercentiles percentiles(String targetGroupArn, Instant from, Instant to, List<Double> levels) {
        requested += 1 + levels.size();
        return metrics.percentiles(targetGroupArn, from, to, levels);
    }

    @Override
    public List<Tally> slowerThan(String targetGroupArn, Instant from, Instant to, List<Double> thresholdsMs) {
        requested += 1 + thresholdsMs.size();
        return metrics.slowerThan(targetGroupArn, from, to, thresholdsMs);
    }

    @Override
    public Instant whenServed(String targetGroupArn, Instant from, Instant to, long requests, int periodSeconds) {
        requested += 1;
        return metrics.whenServed(targetGroupArn, from, to, requests, periodSeconds);
    }

    @Override
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        return metrics.alarmsInAlarm(alarmNames);
    }

    @Override
    public double expressible(double ms) {
        return metrics.expressible(ms);
    }
}
