package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * Verify and shift, before every increase of green's share:
 * <ol>
 * <li>read the weights back and require them to be what this release set last (or what it found at the
 * start): anything else means someone else changed the listener, and the release stops;
 * <li>require green's healthy targets to be at least its desired count;
 * <li>set the new weights and read them back.
 * </ol>
 * Repeating it after a retry is harmless: weights already at the target are verified, not set again.
 */
public class VerifyAndShift {

    /**
     * @param shiftedAt when the weights were set (the start of the bake window)
     * @param percent   green's share now
     * @param weights   the weights now, by slot
     */
    public record Result(String shiftedAt, int percent, Map<String, Integer> weights) {
    }

    private final ReleaseSteps steps;

    public VerifyAndShift(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        StepRequest.Step step = ReleaseSteps.step(request);
        Instant now = ReleaseSteps.time(request.now(), "now");
        steps.renewLease(release, now);

        Map<String, Integer> target = ReleaseSteps.split(release, step.percent());
        Map<String, Integer> current = steps.weightsBySlot(release);
        if (!current.equals(target)) {
            Map<String, Integer> expected = lastSet(release);
            if (!current.equals(expected)) {
                throw new WeightsChangedException(expected, current);
            }
            int healthy = steps.traffic.healthyTargets(release.green().targetGroupArn());
            int desired = steps.properties.task().desiredCount();
            if (healthy < desired) {
                throw new GreenNotHealthyException(healthy, desired, step.percent());
            }
            steps.traffic.setWeights(steps.properties.listenerArn(), steps.byTargetGroup(target));
            Map<String, Integer> readBack = steps.weightsBySlot(release);
            if (!readBack.equals(target)) {
                throw new WeightsNotAppliedException(target, readBack);
            }
            steps.decide(release, request.now(), "shifted", step.percent() + "% of traffic to green",
                    Map.of("before", current, "after", readBack, "greenHealthyTargets", healthy,
                            "desired", desired));
        }
        steps.records.setTraffic(release.service(), release.releaseId(), step.percent(), target);
        return new Result(now.toString(), step.percent(), target);
    }

    /** The weights this release set last, or, before its first shift, those it found when it started. */
    private Map<String, Integer> lastSet(ReleaseContext release) {
        ReleaseRecord record = steps.records.find(release.service(), release.releaseId()).orElseThrow();
        if (record.weights() != null && !record.weights().isEmpty()) {
            return new LinkedHashMap<>(record.weights());
        }
        Map<String, Integer> start = new LinkedHashMap<>();
        start.put("A", release.startWeights().getOrDefault("A", 0));
        start.put("B", release.startWeights().getOrDefault("B", 0));
        return start;
    }

    /** The listener's weights are not the ones this release set: someone else changed them. */
    public static class WeightsChangedException extends RuntimeException {
        public WeightsChangedException(Map<String, Integer> expected, Map<String, Integer> found) {
            super("the listener weights were changed outside this release: expected " + expected + ", found " + found);
        }
    }

    /** Green has fewer healthy targets than desired, so it may not get more traffic. */
    public static class GreenNotHealthyException extends RuntimeException {
        public GreenNotHealthyException(int healthy, int desired, int percent) {
            super("green has " + healthy + " healthy targets of " + desired + " desired; not shifting to " + percent
                    + "%");
        }
    }

    /** The listener did not keep the weights just set. */
    public static class WeightsNotAppliedException extends RuntimeException {
        public WeightsNotAppliedException(Map<String, Integer> set, Map<String, Integer> readBack) {
            super("set the weights to " + set + " but read back " + readBack);
        }
    }
}
