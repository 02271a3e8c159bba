package dev.greenlight.release.gate;

/**
 * One target group's ALB metrics over the bake window.
 *
 * @param requests          RequestCount, summed
 * @param target5xx         HTTPCode_Target_5XX_Count, summed
 * @param connectionErrors  TargetConnectionErrorCount, summed
 * @param p99LatencyMs      TargetResponseTime p99 over the window, in milliseconds; NaN without requests
 * @param maxUnhealthyHosts UnHealthyHostCount, maximum over the window
 */
public record TargetGroupMetrics(long requests, long target5xx, long connectionErrors, double p99LatencyMs,
        double maxUnhealthyHosts) {

    public static final TargetGroupMetrics NONE = new TargetGroupMetrics(0, 0, 0, Double.NaN, 0);

    public double errorRate() {
        return requests == 0 ? 0 : (double) target5xx / requests;
    }
}
