package dev.greenlight.release.plan;

import java.util.List;

/**
 * The part of a plan a single release may change, given in its input; null fields keep the configured plan.
 * Field meanings are those of {@link ReleasePlan}.
 */
public record PlanOverride(
        List<Integer> steps,
        List<Integer> bakeSeconds,
        Integer healthTimeoutSeconds,
        Integer healthPollSeconds,
        Integer controlPollSeconds,
        Integer terminationWaitSeconds,
        GateOverride gate,
        ReleasePlan.InconclusivePolicy inconclusivePolicy,
        Integer maxInconclusiveExtensions,
        Integer maxExtensionSeconds,
        Integer pauseTimeoutSeconds,
        ReleasePlan.PauseTimeoutAction pauseTimeoutAction) {

    /** Gate thresholds a release may change; null fields keep the configured ones. */
    public record GateOverride(
            Double objective,
            Double budgetMargin,
            Double errorIncreaseToDetect,
            List<Double> latencyQuantiles,
            List<Double> latencyTolerances,
            Double latencyRatioToDetect,
            Double confidence,
            Double power,
            Integer warmupSeconds,
            Integer warmupRequests,
            Double warmupTolerance,
            Integer baselineSeconds,
            Double maxConnectionErrorRate,
            Double maxBalancerErrorRate,
            List<String> alarmNames,
            Boolean preflight) {
    }
}
