package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;

/**
 * Finish, after 100% and the termination wait: delete blue once the ALB has routed nothing to it for at
 * least the deregistration delay, then release the lock. If that time has not passed yet it says how long
 * to wait; the state machine waits and calls it again.
 */
public class FinishRelease {

    /**
     * @param finished       blue is gone (or there was none) and the lock is released
     * @param waitSeconds    when not finished: how long until blue may be deleted
     * @param removedService the deleted blue service, if any
     */
    public record Result(boolean finished, int waitSeconds, String removedService) {
    }

    private final ReleaseSteps steps;

    public FinishRelease(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        Instant now = ReleaseSteps.time(request.now(), "now");
        Instant shiftedAt = ReleaseSteps.time(request.shiftedAt(), "shiftedAt");
        steps.renewLease(release, now);
        String removed = null;
        if (release.blue() != null) {
            Map<String, Integer> weights = steps.weightsBySlot(release);
            if (weights.getOrDefault(release.blue().slot(), 0) != 0) {
                throw new BlueStillRoutedException(release.blue().slot(), weights);
            }
            long idle = Duration.between(shiftedAt, now).toSeconds();
            long remaining = steps.properties.deregistrationDelaySeconds() - idle;
            if (remaining > 0) {
                return new Result(false, (int) remaining, null);
            }
            if (steps.services.delete(release.blue().serviceName())) {
                removed = release.blue().serviceName();
            }
        }
        steps.decide(release, request.now(), "finished", release.blue() == null
                ? release.image().tag() + " is live in slot " + release.green().slot()
                : release.image().tag() + " is live in slot " + release.green().slot() + "; blue "
                        + release.blue().serviceName() + " removed", Map.of("weights", steps.weightsBySlot(release)));
        steps.records.setState(release.service(), release.releaseId(), ReleaseState.RELEASED,
                release.image().tag() + " released to 100%", request.now());
        steps.lock.release(release.service(), release.releaseId());
        return new Result(true, 0, removed);
    }

    /** Blue still has weight on the listener, so it may not be deleted. */
    public static class BlueStillRoutedException extends RuntimeException {
        public BlueStillRoutedException(String slot, Map<String, Integer> weights) {
            super("blue (slot " + slot + ") still has weight " + weights + "; it cannot be removed");
        }
    }
}
