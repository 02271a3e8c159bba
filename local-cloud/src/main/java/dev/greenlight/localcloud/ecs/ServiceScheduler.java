package dev.greenlight.localcloud.ecs;

import dev.greenlight.localcloud.Timing;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The service scheduler: keeps each service's primary deployment at the desired count, retires
 * older deployments once the primary has completed (a rolling update with ECS's default 100% /
 * 200% bounds), replaces tasks that die or fail their load balancer health checks, trips the
 * deployment circuit breaker, reports a steady state, and retires deleted services
 * (DRAINING → INACTIVE) once their tasks have stopped.
 */
final class ServiceScheduler {

    private static final Duration MAX_LAUNCH_BACKOFF = Duration.ofSeconds(30);

    private final Supplier<Collection<EcsService>> services;
    private final Function<EcsService, EcsTask> newTask;
    private final TaskRunner runner;
    private final ElasticLoadBalancingV2Client elb;
    private final Timing timing;

    ServiceScheduler(Supplier<Collection<EcsService>> services, Function<EcsService, EcsTask> newTask, TaskRunner runner,
                     ElasticLoadBalancingV2Client elb, Timing timing) {
        this.services = services;
        this.newTask = newTask;
        this.runner = runner;
        this.elb = elb;
        this.timing = timing;
    }

    void reconcileAll() {
        for (EcsService service : services.get()) {
            try {
                reconcile(service);
            } catch (SdkException | IllegalStateException e) {
                service.event("was unable to reconcile: " + e.getMessage());
            }
        }
    }

    private void reconcile(EcsService service) {
        switch (service.status()) {
            case "ACTIVE" -> {
                replaceUnhealthy(service);
                tripCircuitBreaker(service);
                keepDesiredCount(service);
                retireOlderDeployments(service);
                reportProgress(service);
            }
            case "DRAINING" -> drain(service);
            default -> {
            }
        }
    }

    private void keepDesiredCount(EcsService service) {
        ServiceDeployment primary = service.primary();
        List<EcsTask> active = service.activeTasks(primary);
        int desired = service.desiredCount();
        long now = System.nanoTime();
        if (active.size() < desired && primary.rolloutState() != DeploymentRolloutState.FAILED && service.mayLaunch(now)) {
            List<EcsTask> started = IntStream.range(0, desired - active.size()).mapToObj(i -> newTask.apply(service)).toList();
            started.forEach(runner::launch);
            service.event("has started " + started.size() + " tasks: " + ids(started) + ".");
            service.notSteady();
            if (primary.failedTasks() > 0) {
                long backoff = Math.min(MAX_LAUNCH_BACKOFF.toMillis(), 500L << Math.min(primary.failedTasks(), 10));
                service.backOffLaunches(now + Duration.ofMillis(backoff).toNanos());
            }
        } else if (active.size() > desired) {
            List<EcsTask> surplus = active.stream()
                    .sorted(Comparator.comparing((EcsTask task) -> "RUNNING".equals(task.lastStatus()))
                            .thenComparing(task -> task.createdAt, Comparator.reverseOrder()))
                    .limit(active.size() - desired)
                    .toList();
            stop(service, surplus, primary);
        }
    }

    /** Once the primary deployment has completed, the older deployments' tasks are stopped and the deployments retired. */
    private void retireOlderDeployments(EcsService service) {
        if (service.primary().rolloutState() != DeploymentRolloutState.COMPLETED) {
            return;
        }
        for (ServiceDeployment older : service.olderDeployments()) {
            List<EcsTask> remaining = service.activeTasks(older);
            if (!remaining.isEmpty()) {
                stop(service, remaining, older);
            } else if (service.tasks.stream().filter(task -> task.deploymentId.equals(older.id))
                    .allMatch(task -> "STOPPED".equals(task.lastStatus()))) {
                older.status("INACTIVE");
            }
        }
    }

    /** Stops RUNNING tasks that the target group reports unhealthy once the grace period is over. */
    private void replaceUnhealthy(EcsService service) {
        String targetGroup = targetGroupArn(service);
        if (targetGroup == null) {
            return;
        }
        Map<Integer, TargetHealthStateEnum> health = targetHealth(targetGroup);
        int grace = service.request.healthCheckGracePeriodSeconds() == null ? 0 : service.request.healthCheckGracePeriodSeconds();
        for (EcsTask task : service.activeTasks()) {
            boolean pastGrace = task.startedAt() != null && Instant.now().isAfter(task.startedAt().plus(timing.seconds(grace)));
            if ("RUNNING".equals(task.lastStatus()) && pastGrace && health.get(task.port()) == TargetHealthStateEnum.UNHEALTHY) {
                runner.stop(task, "Task failed ELB health checks in (target-group " + targetGroup + ")",
                        TaskStopCode.SERVICE_SCHEDULER_INITIATED);
                service.event("has stopped 1 running tasks: " + ids(List.of(task)) + ".");
                service.event("(task " + task.id + ") failed ELB health checks in (target-group " + targetGroup + ")");
                ServiceDeployment deployment = service.deployment(task.deploymentId);
                if (deployment.rolloutState() == DeploymentRolloutState.IN_PROGRESS) {
                    deployment.taskFailed();
                }
            }
        }
    }

    /** ECS's circuit breaker: too many failed tasks fail the deployment, and with rollback the last completed one returns. */
    private void tripCircuitBreaker(EcsService service) {
        ServiceDeployment primary = service.primary();
        DeploymentCircuitBreaker breaker = service.request.deploymentConfiguration() == null ? null
                : service.request.deploymentConfiguration().deploymentCircuitBreaker();
        if (breaker == null || !Boolean.TRUE.equals(breaker.enable()) || primary.rolloutState() != DeploymentRolloutState.IN_PROGRESS) {
            return;
        }
        // ECS's threshold: half the desired count, at least 3 and at most 200 failed tasks.
        int threshold = Math.min(200, Math.max(3, (int) Math.ceil(service.desiredCount() * 0.5)));
        if (primary.failedTasks() < threshold) {
            return;
        }
        primary.rollout(DeploymentRolloutState.FAILED, "ECS deployment circuit breaker: tasks failed to start.");
        service.event("(deployment " + primary.id + ") deployment failed: tasks failed to start.");
        ServiceDeployment lastGood = service.olderDeployments().stream()
                .filter(d -> d.rolloutState() == DeploymentRolloutState.COMPLETED).findFirst().orElse(null);
        if (Boolean.TRUE.equals(breaker.rollback()) && lastGood != null) {
            stop(service, service.activeTasks(primary), primary);
            ServiceDeployment rollback = service.deploy(lastGood.definition,
                    "ECS deployment circuit breaker: rolling back to deploymentId " + lastGood.id + ".");
            service.event("(deployment " + rollback.id + ") rolling back to deployment " + lastGood.id + ".");
        }
    }

    private void reportProgress(EcsService service) {
        ServiceDeployment primary = service.primary();
        List<EcsTask> active = service.activeTasks(primary);
        boolean allRunning = active.size() == service.desiredCount()
                && active.stream().allMatch(task -> "RUNNING".equals(task.lastStatus()));
        if (!allRunning) {
            return;
        }
        String targetGroup = targetGroupArn(service);
        if (targetGroup != null && !active.isEmpty()) {
            Map<Integer, TargetHealthStateEnum> health = targetHealth(targetGroup);
            if (!active.stream().allMatch(task -> health.get(task.port()) == TargetHealthStateEnum.HEALTHY)) {
                return;
            }
        }
        if (primary.rolloutState() == DeploymentRolloutState.IN_PROGRESS) {
            primary.rollout(DeploymentRolloutState.COMPLETED, "ECS deployment " + primary.id + " completed.");
            service.event("(deployment " + primary.id + ") deployment completed.");
        }
        if (service.olderDeployments().isEmpty() && service.markSteady()) {
            service.event("has reached a steady state.");
        }
    }

    private void drain(EcsService service) {
        service.activeTasks().forEach(task -> runner.stop(task, "Scaling activity initiated by (deployment "
                + task.deploymentId + ")", TaskStopCode.SERVICE_SCHEDULER_INITIATED));
        if (service.tasks.stream().allMatch(task -> "STOPPED".equals(task.lastStatus()))) {
            service.status("INACTIVE");
        }
    }

    private void stop(EcsService service, List<EcsTask> tasks, ServiceDeployment deployment) {
        if (tasks.isEmpty()) {
            return;
        }
        tasks.forEach(task -> runner.stop(task, "Scaling activity initiated by (deployment " + deployment.id + ")",
                TaskStopCode.SERVICE_SCHEDULER_INITIATED));
        service.event("has stopped " + tasks.size() + " running tasks: " + ids(tasks) + ".");
        service.notSteady();
    }

    private Map<Integer, TargetHealthStateEnum> targetHealth(String targetGroup) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(targetGroup)).targetHealthDescriptions().stream()
                .collect(Collectors.toMap(description -> description.target().port(),
                        (TargetHealthDescription description) -> description.targetHealth().state(), (a, b) -> b));
    }

    static String targetGroupArn(EcsService service) {
        return service.request.hasLoadBalancers() && !service.request.loadBalancers().isEmpty()
                ? service.request.loadBalancers().get(0).targetGroupArn() : null;
    }

    private static String ids(List<EcsTask> tasks) {
        return tasks.stream().map(task -> "(task " + task.id + ")").collect(Collectors.joining(" "));
    }
}
