package dev.greenlight.release.steps;

import java.time.Instant;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecords;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Check green: healthy means running equals desired and every one of them is a healthy target. "Not yet"
 * is an answer, not an error; the state machine waits and asks again until the health deadline.
 */
public class CheckGreenHealth {

    /**
     * @param healthy        green may get traffic
     * @param checkedAt      when this was checked (compared with the health deadline)
     * @param healthyTargets healthy targets in green's target group
     * @param desiredCount   tasks green should run
     * @param runningCount   tasks green runs
     * @param rolloutState   the ECS deployment's rollout state
     */
    public record Result(boolean healthy, String checkedAt, int healthyTargets, int desiredCount, int runningCount,
            String rolloutState) {
    }

    private final Lease lease;
    private final Services services;
    private final Traffic traffic;
    private final ReleaseRecords records;

    public CheckGreenHealth(Lease lease, Services services, Traffic traffic, ReleaseRecords records) {
        this.lease = lease;
        this.services = services;
        this.traffic = traffic;
        this.records = records;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = Inputs.release(request);
        Instant now = Inputs.now(request);
        lease.renew(release, now);
        Service green = services.active(release.green().serviceName())
                .orElseThrow(() -> new GreenServiceMissingException(release.green().serviceName()));
        String rollout = green.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                .map(Deployment::rolloutStateAsString).orElse("UNKNOWN");
        if ("FAILED".equals(rollout)) {
            throw new GreenDeploymentFailedException(release.green().serviceName(),
                    green.deployments().get(0).rolloutStateReason());
        }
        int healthy = traffic.healthyTargets(release.green().targetGroupArn());
        boolean ready = green.desiredCount() > 0 && green.runningCount() == green.desiredCount()
                && healthy >= green.desiredCount();
        records.setHealth(release.service(), release.releaseId(), new Progress.Health(healthy, green.desiredCount(),
                green.runningCount(), now.toString(), "health check"));
        if (ready) {
            records.setHold(release.service(), release.releaseId(), null);
        }
        return new Result(ready, now.toString(), healthy, green.desiredCount(), green.runningCount(), rollout);
    }

    /** The green service is gone (deleted by someone else). */
    public static class GreenServiceMissingException extends RuntimeException {
        public GreenServiceMissingException(String service) {
            super("the green service " + service + " does not exist");
        }
    }

    /** ECS's circuit breaker marked green's deployment FAILED: its tasks keep failing to start. */
    public static class GreenDeploymentFailedException extends RuntimeException {
        public GreenDeploymentFailedException(String service, String reason) {
            super("the deployment of " + service + " failed: " + reason);
        }
    }
}
