package dev.greenlight.release.steps;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;

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

    private final ReleaseSteps steps;

    public DeployGreen(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        Instant now = ReleaseSteps.time(request.now(), "now");
        steps.renewLease(release, now);
        String token = UUID.nameUUIDFromBytes(release.releaseId().getBytes(StandardCharsets.UTF_8)).toString();
        steps.services.deploy(release.green().serviceName(), release.green().targetGroupArn(),
                release.taskDefinitionArn(), token);
        steps.traffic.forwardAll(steps.properties.testListenerArn(), release.green().targetGroupArn());
        Instant deadline = now.plusSeconds(release.plan().healthTimeoutSeconds());
        steps.decide(release, request.now(), "deployed", "green service " + release.green().serviceName()
                + " created in slot " + release.green().slot() + "; the test listener points at it",
                Map.of("taskDefinition", release.taskDefinitionArn(), "healthDeadline", deadline.toString()));
        return new Result(release.green().serviceName(), release.taskDefinitionArn(), deadline.toString());
    }
}
