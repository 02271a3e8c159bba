package dev.greenlight.release.gate;

/**
 * Load-balancer-wide metrics over the bake window. The balancer's own 5xx (HTTPCode_ELB_5XX_Count) are
 * reported per load balancer, not per target group, so they cannot be split between blue and green.
 *
 * @param requests RequestCount of the whole load balancer
 * @param elb5xx   HTTPCode_ELB_5XX_Count of the whole load balancer
 */
public record BalancerMetrics(long requests, long elb5xx) {

    /** These metrics without {@code left} requests that answered well (never below the 5xx counted). */
    public BalancerMetrics less(long left) {
        return new BalancerMetrics(Math.max(elb5xx, requests - left), elb5xx);
    }

    public double errorRate() {
        return requests == 0 ? 0 : (double) elb5xx / requests;
    }
}
