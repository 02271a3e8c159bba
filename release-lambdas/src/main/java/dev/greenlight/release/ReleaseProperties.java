package dev.greenlight.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.release.plan.PlanOverride;
import dev.greenlight.release.plan.ReleasePlan;

/**
 * Everything the release functions know about the service they release, bound from {@code greenlight.*}
 * (environment variables such as {@code GREENLIGHT_CLUSTER} or {@code GREENLIGHT_SLOTS_A_TARGET_GROUP_ARN}).
 * Terraform sets them on AWS; the local cloud sets them locally. No code path knows which.
 *
 * @param service               the released service; also the partition of its Releases items
 * @param cluster               the ECS cluster
 * @param listenerArn           the production listener whose weights a release shifts
 * @param testListenerArn       the test listener, pointed at green for the smoke test
 * @param testListenerUrl       base URL of the test listener, for the smoke test requests
 * @param loadBalancer          the load balancer's CloudWatch dimension, {@code app/<name>/<id>}
 * @param slots                 the two slots, A and B: a target group each, and an ECS service once deployed
 * @param repositoryName        the ECR repository whose pushes are released
 * @param repositoryUri         its URI; images are run by digest, {@code <uri>@sha256:...}
 * @param releasesTable         the Releases table
 * @param lockLeaseSeconds      how long the lock lasts without renewal; each step renews it
 * @param queuePollSeconds      how often a queued release asks for the lock again
 * @param deregistrationDelaySeconds the target groups' deregistration delay: blue is deleted only after
 *                              the ALB has routed nothing to it for this long
 * @param smokePaths            paths requested through the test listener; each must answer 200. The home page by
 *                              default: it reads DynamoDB and renders a page as readers get it. The readiness probe
 *                              would add nothing, since green is healthy only once the ALB got two 200s from it,
 *                              and its repetitions would warm up no code a reader's request runs
 * @param smokeRequests         how many times each smoke path is requested: enough to warm green up, so
 *                              its first real requests are not its first requests at all
 * @param metricsResolutionSeconds how finely the ALB's metrics are kept: CloudWatch has them per minute, the
 *                              local cloud per second; the gate's judged windows start on such boundaries
 * @param typical               how long the parts of a release typically take here, for its forecast
 * @param task                  the task definition registered for each release
 * @param plan                  the default release plan
 */
@ConfigurationProperties("greenlight")
public record ReleaseProperties(
        @DefaultValue("blog") String service,
        String cluster,
        String listenerArn,
        String testListenerArn,
        String testListenerUrl,
        String loadBalancer,
        Map<String, Slot> slots,
        String repositoryName,
        String repositoryUri,
        @DefaultValue("Releases") String releasesTable,
        @DefaultValue("900") int lockLeaseSeconds,
        @DefaultValue("30") int queuePollSeconds,
        @DefaultValue("30") int deregistrationDelaySeconds,
        @DefaultValue("/") List<String> smokePaths,
        @DefaultValue("25") int smokeRequests,
        @DefaultValue("60") int metricsResolutionSeconds,
        @DefaultValue Typical typical,
        @DefaultValue Task task,
        ReleasePlan plan) {

    /**
     * @param targetGroupArn the slot's target group
     * @param serviceName    the ECS service that runs in this slot while it is blue or green
     */
    public record Slot(String targetGroupArn, String serviceName) {
    }

    /**
     * How long the parts of a release the plan does not fix typically take, for its forecast
     * ({@code dev.greenlight.release.preview.Setup}).
     *
     * @param greenReadySeconds from green's service being created until its targets are healthy: on Fargate,
     *                          placing the tasks, pulling the image, starting the JVM, and the health checks
     * @param smokeSeconds      the smoke test
     * @param callSeconds       one function call with its state transition
     */
    public record Typical(
            @DefaultValue("120") double greenReadySeconds,
            @DefaultValue("5") double smokeSeconds,
            @DefaultValue("0.15") double callSeconds) {
    }

    /**
     * The task definition of the service; the image is set per release.
     *
     * @param family           task definition family
     * @param containerName    the container's name, also used in the service's load balancer binding
     * @param containerPort    the port the blog listens on
     * @param cpu              task CPU units
     * @param memory           task memory (MiB)
     * @param desiredCount     tasks per service
     * @param executionRoleArn role ECS uses to pull the image and write logs
     * @param taskRoleArn      role the blog runs as
     * @param logGroup         CloudWatch Logs group; empty for none
     * @param region           region of the log group
     * @param subnets          awsvpc subnets
     * @param securityGroups   awsvpc security groups
     * @param assignPublicIp   whether tasks get a public IP (default VPC without NAT)
     * @param launchType       FARGATE on AWS
     * @param environment      environment of the blog container
     * @param secrets          environment variables of the blog container filled from Secrets Manager or SSM
     *                         parameters, by variable name (the session key, author password hashes)
     */
    public record Task(
            @DefaultValue("greenlight-blog") String family,
            @DefaultValue("blog") String containerName,
            @DefaultValue("8080") int containerPort,
            @DefaultValue("512") String cpu,
            @DefaultValue("1024") String memory,
            @DefaultValue("2") int desiredCount,
            String executionRoleArn,
            String taskRoleArn,
            String logGroup,
            String region,
            List<String> subnets,
            List<String> securityGroups,
            @DefaultValue("false") boolean assignPublicIp,
            @DefaultValue("FARGATE") String launchType,
            Map<String, String> environment,
            Map<String, String> secrets) {

        public Task {
            secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
            securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }
    }

    /**
     * The plan a release follows: the default plan with the release's override, checked with what it must fit
     * here (blue is removed only after the deregistration delay).
     *
     * @throws InvalidPlanException listing every problem, if there is any
     */
    public ReleasePlan planWith(PlanOverride override) {
        ReleasePlan merged = plan.with(override);
        List<String> problems = new ArrayList<>(merged.problems());
        if (merged.terminationWaitSeconds() < deregistrationDelaySeconds) {
            problems.add("terminationWaitSeconds (" + merged.terminationWaitSeconds() + ") must be at least the"
                    + " target groups' deregistration delay (" + deregistrationDelaySeconds
                    + " s), so blue is removed only once nothing is routed to it");
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        return merged;
    }

    public Slot slot(String name) {
        Slot slot = slots == null ? null : slots.getOrDefault(name, slots.get(name.toLowerCase(java.util.Locale.ROOT)));
        if (slot == null) {
            throw new IllegalStateException("slot " + name + " is not configured (greenlight.slots." + name + ")");
        }
        return slot;
    }
}
