package dev.greenlight.release.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.store.ReleaseRecords;
import tools.jackson.databind.json.JsonMapper;

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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Lease lease;
    private final Listener listener;
    private final Services services;
    private final Traffic traffic;
    private final ReleaseRecords records;
    private final Timeline timeline;

    public RollBack(Lease lease, Listener listener, Services services, Traffic traffic, ReleaseRecords records,
            Timeline timeline) {
        this.lease = lease;
        this.listener = listener;
        this.services = services;
        this.traffic = traffic;
        this.records = records;
        this.timeline = timeline;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = Inputs.release(request);
        Inputs.now(request);
        String reason = reason(request);
        Optional<String> holder = lease.heldByAnother(release);
        if (holder.isPresent()) {
            records.setState(release.service(), release.releaseId(), ReleaseState.ROLLED_BACK,
                    reason + " (the lock had passed to " + holder.get() + "; traffic left to it)", request.now());
            return new Result(false, reason, listener.weights(), 0);
        }

        int blueHealthy = 0;
        Map<String, Integer> weights = listener.weights();
        if (release.blue() != null) {
            services.ensureScaled(release.blue().serviceName());
            blueHealthy = traffic.healthyTargets(release.blue().targetGroupArn());
            Map<String, Integer> target = Listener.split(release, 0);
            if (!weights.equals(target)) {
                weights = listener.set(target);
            }
            records.setTraffic(release.service(), release.releaseId(), 0, new LinkedHashMap<>(weights));
        }
        services.delete(release.green().serviceName());
        timeline.decide(release, request.now(), "rolled-back", reason, Map.of("weights", weights,
                "blueHealthyTargets", blueHealthy, "greenDeleted", release.green().serviceName()));
        records.setHold(release.service(), release.releaseId(), null);
        records.setState(release.service(), release.releaseId(), ReleaseState.ROLLED_BACK, reason,
                request.now());
        lease.end(release);
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
                String message = JSON.readTree(cause).path("errorMessage").asString("");
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
