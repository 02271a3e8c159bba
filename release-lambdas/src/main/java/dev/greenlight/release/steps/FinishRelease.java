package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.Map;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;

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

    private final ReleaseSteps steps;

    public FinishRelease(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        Instant now = ReleaseSteps.time(request.now(), "now");
        steps.renewLease(release, now);
        Map<String, Integer> weights = steps.weightsBySlot();
        String removed = null;
        if (release.blue() != null) {
            if (weights.getOrDefault(release.blue().slot(), 0) != 0) {
                throw new BlueStillRoutedException(release.blue().slot(), weights);
            }
            if (steps.services.delete(release.blue().serviceName())) {
                removed = release.blue().serviceName();
            }
        }
        String live = release.image().tag() + " is live in slot " + release.green().slot();
        steps.decide(release, request.now(), "finished", release.blue() == null ? live
                : live + "; blue " + release.blue().serviceName() + " removed", Map.of("weights", weights));
        steps.records.setState(release.service(), release.releaseId(), ReleaseState.RELEASED,
                release.image().tag() + " released to 100%", request.now());
        steps.lock.release(release.service(), release.releaseId());
        return new Result(removed, weights);
    }

    /** Blue still has weight on the listener, so it may not be deleted. */
    public static class BlueStillRoutedException extends RuntimeException {
        public BlueStillRoutedException(String slot, Map<String, Integer> weights) {
            super("blue (slot " + slot + ") still has weight " + weights + "; it cannot be removed");
        }
    }
}
