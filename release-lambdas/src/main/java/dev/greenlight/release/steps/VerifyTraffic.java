package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.Map;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecords;

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

    private final Lease lease;
    private final Listener listener;
    private final Traffic traffic;
    private final ReleaseRecords records;
    private final int desiredCount;

    /** @param desiredCount how many healthy targets green must have */
    public VerifyTraffic(Lease lease, Listener listener, Traffic traffic, ReleaseRecords records, int desiredCount) {
        this.lease = lease;
        this.listener = listener;
        this.traffic = traffic;
        this.records = records;
        this.desiredCount = desiredCount;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = Inputs.release(request);
        StepRequest.Step step = Inputs.step(request);
        Instant now = Inputs.now(request);
        lease.renew(release, now);

        Map<String, Integer> current = listener.weights();
        Map<String, Integer> expected = listener.lastSet(release);
        Map<String, Integer> target = Listener.split(release, step.percent());
        int healthy = traffic.healthyTargets(release.green().targetGroupArn());
        records.setHealth(release.service(), release.releaseId(),
                new Progress.Health(healthy, null, null, now.toString(), "check before shift"));
        if (!current.equals(expected) && !current.equals(target)) {
            return new Result(false, "the listener weights were changed outside this release: expected " + expected
                    + ", found " + current, current, healthy);
        }
        if (healthy < desiredCount) {
            return new Result(false, "green has " + healthy + " healthy targets of " + desiredCount
                    + " desired; not shifting to " + step.percent() + "%", current, healthy);
        }
        return new Result(true, "weights " + current + " as last set; green has " + healthy + " of " + desiredCount
                + " healthy targets", current, healthy);
    }
}
