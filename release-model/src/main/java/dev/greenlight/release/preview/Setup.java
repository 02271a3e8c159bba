package dev.greenlight.release.preview;

/**
 * What a preview needs to know about where the release runs, besides its plan and traffic.
 *
 * @param tasks                    tasks per service: green runs as many as blue
 * @param metricsResolutionSeconds the ALB metrics' period (60 on AWS, 1 locally)
 * @param metricsDelaySeconds      how long after a period ends its metrics can be read (60 on AWS, 0 locally)
 * @param greenReadySeconds        from green's service being created until all its targets are healthy: the task's
 *                                 start (on Fargate, placing it and pulling the image) and the health checks
 * @param smokeSeconds             how long the smoke test takes
 * @param callSeconds              a typical function call, the state's transition included
 * @param firstRelease             true when nothing is live: the release goes to 100% at once
 */
public record Setup(int tasks, int metricsResolutionSeconds, int metricsDelaySeconds, double greenReadySeconds,
        double smokeSeconds, double callSeconds, boolean firstRelease) {

    public Setup {
        if (tasks < 1 || metricsResolutionSeconds < 1 || metricsDelaySeconds < 0 || greenReadySeconds < 0
                || smokeSeconds < 0 || callSeconds < 0) {
            throw new IllegalArgumentException("a setup needs at least one task, a metrics period, and no negative time");
        }
    }
}
