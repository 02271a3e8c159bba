package dev.greenlight.release.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.ReleaseLock;

/**
 * Roll back: make sure blue runs its desired count, put 100% on blue and read it back, delete green, release
 * the lock and record why. Safe to repeat. A release that lost its lock to another one touches nothing:
 * the traffic belongs to the holder now.
 */
public class RollBack {

    /**
     * @param rolledBack      traffic is on blue (or there was no blue) and green is deleted
     * @param reason          why the release was rolled back
     * @param weights         the weights after the rollback, by slot
     * @param blueHealthy     blue's healthy targets when traffic returned to it
     */
    public record Result(boolean rolledBack, String reason, Map<String, Integer> weights, int blueHealthy) {
    }

    private final ReleaseSteps steps;

    public RollBack(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        ReleaseSteps.time(request.now(), "now");
        String reason = reason(request);
        Optional<ReleaseLock.Holder> holder = steps.lock.holder(release.service());
        if (holder.isPresent() && !holder.get().releaseId().equals(release.releaseId())) {
            steps.records.setState(release.service(), release.releaseId(), ReleaseState.ROLLED_BACK,
                    reason + " (the lock had passed to " + holder.get().releaseId() + "; traffic left to it)",
                    request.now());
            return new Result(false, reason, steps.weightsBySlot(), 0);
        }

        int blueHealthy = 0;
        Map<String, Integer> weights = steps.weightsBySlot();
        if (release.blue() != null) {
            steps.services.ensureScaled(release.blue().serviceName());
            blueHealthy = steps.traffic.healthyTargets(release.blue().targetGroupArn());
            Map<String, Integer> target = ReleaseSteps.split(release, 0);
            if (!weights.equals(target)) {
                steps.traffic.setWeights(steps.properties.listenerArn(), steps.byTargetGroup(target));
                weights = steps.weightsBySlot();
                if (!weights.equals(target)) {
                    throw new ShiftTraffic.WeightsNotAppliedException(target, weights);
                }
            }
            steps.records.setTraffic(release.service(), release.releaseId(), 0, new LinkedHashMap<>(weights));
        }
        steps.services.delete(release.green().serviceName());
        steps.decide(release, request.now(), "rolled-back", reason, Map.of("weights", weights,
                "blueHealthyTargets", blueHealthy, "greenDeleted", release.green().serviceName()));
        steps.records.setState(release.service(), release.releaseId(), ReleaseState.ROLLED_BACK, reason,
                request.now());
        steps.lock.release(release.service(), release.releaseId());
        return new Result(true, reason, weights, blueHealthy);
    }

    private String reason(StepRequest request) {
        if (request.failure() == null) {
            return "rolled back";
        }
        String error = request.failure().error() == null ? "error" : request.failure().error();
        String cause = request.failure().cause();
        return cause == null || cause.isBlank() ? error : error + ": " + causeMessage(cause);
    }

    /** A Lambda failure's cause is the function's JSON error object; operators want its message. */
    private String causeMessage(String cause) {
        if (cause.startsWith("{")) {
            try {
                String message = steps.json.readTree(cause).path("errorMessage").asString("");
                if (!message.isEmpty()) {
                    return message;
                }
            } catch (tools.jackson.core.JacksonException notJson) {
                // plain text after all
            }
        }
        return cause;
    }
}
