package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * Verify, before every increase of green's share: the listener's weights must be the ones this release set
 * last (or found at its start), so nobody else changed the rule, and green must have at least its desired
 * count of healthy targets. A failed check is a result with its reason; the workflow rolls back on it.
 */
public class VerifyTraffic {

    /**
     * @param ok       traffic may be shifted
     * @param reason   what was found
     * @param weights  the weights read back, by slot
     * @param healthy  green's healthy targets
     */
    public record Result(boolean ok, String reason, Map<String, Integer> weights, int healthy) {
    }

    private final ReleaseSteps steps;

    public VerifyTraffic(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        StepRequest.Step step = ReleaseSteps.step(request);
        Instant now = ReleaseSteps.time(request.now(), "now");
        steps.renewLease(release, now);

        Map<String, Integer> current = steps.weightsBySlot();
        Map<String, Integer> expected = lastSet(steps, release);
        Map<String, Integer> target = ReleaseSteps.split(release, step.percent());
        int healthy = steps.traffic.healthyTargets(release.green().targetGroupArn());
        int desired = steps.properties.task().desiredCount();
        if (!current.equals(expected) && !current.equals(target)) {
            return new Result(false, "the listener weights were changed outside this release: expected " + expected
                    + ", found " + current, current, healthy);
        }
        if (healthy < desired) {
            return new Result(false, "green has " + healthy + " healthy targets of " + desired
                    + " desired; not shifting to " + step.percent() + "%", current, healthy);
        }
        return new Result(true, "weights " + current + " as last set; green has " + healthy + " of " + desired
                + " healthy targets", current, healthy);
    }

    /** The weights this release set last, or, before its first shift, those it found when it started. */
    static Map<String, Integer> lastSet(ReleaseSteps steps, ReleaseContext release) {
        ReleaseRecord record = steps.records.find(release.service(), release.releaseId()).orElseThrow();
        if (record.weights() != null && !record.weights().isEmpty()) {
            return new LinkedHashMap<>(record.weights());
        }
        Map<String, Integer> start = new LinkedHashMap<>();
        Map<String, Integer> found = release.startWeights() == null ? Map.of() : release.startWeights();
        start.put("A", found.getOrDefault("A", 0));
        start.put("B", found.getOrDefault("B", 0));
        return start;
    }
}
