package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.Map;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.store.ReleaseRecords;

/**
 * Finish, after 100% and the termination wait: delete blue, then release the lock and record the outcome.
 * Blue must have no weight left; Prepare only accepts plans whose termination wait is at least the
 * deregistration delay, so by now the ALB has routed nothing to blue for at least that long.
 */
public class FinishRelease {

    /**
     * @param removedService the deleted blue service, if any
     * @param weights        the weights at the end, by slot
     */
    public record Result(String removedService, Map<String, Integer> weights) {
    }

    private final Lease lease;
    private final Listener listener;
    private final Services services;
    private final ReleaseRecords records;
    private final Timeline timeline;

    public FinishRelease(Lease lease, Listener listener, Services services, ReleaseRecords records,
            Timeline timeline) {
        this.lease = lease;
        this.listener = listener;
        this.services = services;
        this.records = records;
        this.timeline = timeline;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = Inputs.release(request);
        Instant now = Inputs.now(request);
        lease.renew(release, now);
        Map<String, Integer> weights = listener.weights();
        String removed = null;
        if (release.blue() != null) {
            if (weights.getOrDefault(release.blue().slot(), 0) != 0) {
                throw new BlueStillRoutedException(release.blue().slot(), weights);
            }
            if (services.delete(release.blue().serviceName())) {
                removed = release.blue().serviceName();
            }
        }
        String live = release.image().tag() + " is live in slot " + release.green().slot();
        timeline.decide(release, request.now(), "finished", release.blue() == null ? live
                : live + "; blue " + release.blue().serviceName() + " removed", Map.of("weights", weights));
        records.setHold(release.service(), release.releaseId(), null);
        records.setState(release.service(), release.releaseId(), ReleaseState.RELEASED,
                release.image().tag() + " released to 100%", request.now());
        lease.end(release);
        return new Result(removed, weights);
    }

    /** Blue still has weight on the listener, so it may not be deleted. */
    public static class BlueStillRoutedException extends RuntimeException {
        public BlueStillRoutedException(String slot, Map<String, Integer> weights) {
            super("blue (slot " + slot + ") still has weight " + weights + "; it cannot be removed");
        }
    }
}
