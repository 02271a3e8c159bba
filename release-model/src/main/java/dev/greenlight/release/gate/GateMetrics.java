package dev.greenlight.release.gate;

import java.time.Instant;
import java.util.List;

import dev.greenlight.release.gate.LatencyInput.Percentile;

/**
 * The ALB metrics the gate reads, per target group and per load balancer, over a window [from, to). On AWS and
 * locally this is CloudWatch (through {@code dev.greenlight.release.aws.Metrics}); the gate accuracy benchmark
 * feeds it simulated requests.
 */
public interface GateMetrics {

    /** RequestCount, HTTPCode_Target_5XX_Count, TargetConnectionErrorCount (sums), UnHealthyHostCount (maximum). */
    TargetGroupMetrics targetGroup(String targetGroupArn, Instant from, Instant to);

    /** The load balancer's RequestCount and HTTPCode_ELB_5XX_Count. */
    BalancerMetrics balancer(Instant from, Instant to);

    /**
     * TargetResponseTime's SampleCount and its percentiles at the given levels (in milliseconds).
     *
     * @param requests    how many requests the percentiles describe
     * @param percentiles one per level that had data
     */
    record LatencyPercentiles(long requests, List<Percentile> percentiles) {
    }

    LatencyPercentiles percentiles(String targetGroupArn, Instant from, Instant to, List<Double> levels);

    /** For each threshold (ms): how many requests took longer, of how many: SampleCount × (100 - PR(:t)) / 100. */
    List<Tally> slowerThan(String targetGroupArn, Instant from, Instant to, List<Double> thresholdsMs);

    /**
     * When a target group had served {@code requests} requests counted from {@code from}: the end of the first
     * period of {@code periodSeconds} by which its RequestCount added up to them; null if it had not by {@code to}.
     */
    Instant whenServed(String targetGroupArn, Instant from, Instant to, long requests, int periodSeconds);

    /** Names of the given alarms that are in ALARM now. */
    List<String> alarmsInAlarm(List<String> alarmNames);

    /**
     * The threshold as the percentile rank statistic can express it: {@code ms} rounded to what
     * {@code PR(:seconds)} carries. Thresholds the gate reports are the ones really counted against.
     */
    default double expressible(double ms) {
        return ms;
    }
}
