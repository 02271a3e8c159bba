package dev.greenlight.release.steps;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecords;

/**
 * Deploy green: create the green service in the idle slot (idempotent: the client token is derived from the
 * release id, and an existing service is updated instead) and point the test listener at it.
 */
public class DeployGreen {

    /**
     * @param serviceName       the green service
     * @param taskDefinitionArn what it runs
     * @param healthDeadline    when waiting for green gives up and rolls back
     */
    public record Result(String serviceName, String taskDefinitionArn, String healthDeadline) {
    }

    private final Lease lease;
    private final Services services;
    private final Traffic traffic;
    private final String testListenerArn;
    private final ReleaseRecords records;
    private final Timeline timeline;

    /** @param testListenerArn the listener the smoke test reaches green through */
    public DeployGreen(Lease lease, Services services, Traffic traffic, String testListenerArn, ReleaseRecords records,
            Timeline timeline) {
        this.lease = lease;
        this.services = services;
        this.traffic = traffic;
        this.testListenerArn = testListenerArn;
        this.records = records;
        this.timeline = timeline;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = Inputs.release(request);
        Instant now = Inputs.now(request);
        lease.renew(release, now);
        String token = UUID.nameUUIDFromBytes(release.releaseId().getBytes(StandardCharsets.UTF_8)).toString();
        services.deploy(release.green().serviceName(), release.green().targetGroupArn(),
                release.taskDefinitionArn(), token);
        traffic.forwardAll(testListenerArn, release.green().targetGroupArn());
        Instant deadline = now.plusSeconds(release.plan().healthTimeoutSeconds());
        timeline.decide(release, request.now(), "deployed", "green service " + release.green().serviceName()
                + " created in slot " + release.green().slot() + "; the test listener points at it",
                Map.of("taskDefinition", release.taskDefinitionArn(), "healthDeadline", deadline.toString()));
        records.setHold(release.service(), release.releaseId(), new Progress.Hold(Progress.Reason.GREEN_HEALTH,
                now.toString(), release.plan().healthTimeoutSeconds()));
        return new Result(release.green().serviceName(), release.taskDefinitionArn(), deadline.toString());
    }
}
