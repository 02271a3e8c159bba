package dev.greenlight.release.gate;

/**
 * One target group's ALB metrics over a window.
 *
 * <p>Only the target's own 5xx (HTTPCode_Target_5XX_Count) count as green's or blue's errors. The 4xx a target
 * answers to a malformed or unauthorised request are the client's doing and never count, so a client cannot move
 * the verdict by sending bad requests; the balancer's own 502/503/504 are judged separately, per load balancer.
 *
 * @param requests          RequestCount, summed
 * @param target5xx         HTTPCode_Target_5XX_Count, summed
 * @param connectionErrors  TargetConnectionErrorCount, summed
 * @param maxUnhealthyHosts UnHealthyHostCount, maximum over the window
 */
public record TargetGroupMetrics(long requests, long target5xx, long connectionErrors, double maxUnhealthyHosts) {

    public static final TargetGroupMetrics NONE = new TargetGroupMetrics(0, 0, 0, 0);

    /** These metrics without {@code left} requests that answered well (never below the errors counted). */
    public TargetGroupMetrics less(long left) {
        return new TargetGroupMetrics(Math.max(target5xx, requests - left), target5xx,
                connectionErrors, maxUnhealthyHosts);
    }

    /** The 5xx as a tally of the requests. */
    public Tally errors() {
        return new Tally(Math.min(target5xx, requests), requests);
    }

    public double errorRate() {
        return requests == 0 ? 0 : (double) target5xx / requests;
    }
}
