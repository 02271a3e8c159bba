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

/**
 * The service scheduler: keeps each service at its desired count, replaces tasks that die or fail
 * their load balancer health checks, trips the deployment circuit breaker, reports a steady state,
 * and retires deleted services (DRAINING → INACTIVE) once their tasks have stopped.
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
            case "ACTIVE" -> keepDesiredCount(service);
            case "DRAINING" -> drain(service);
            default -> {
            }
        }
    }

    private void keepDesiredCount(EcsService service) {
        replaceUnhealthy(service);
        tripCircuitBreaker(service);
        List<EcsTask> active = service.activeTasks();
        int desired = service.desiredCount();
        long now = System.nanoTime();
        if (active.size() < desired && service.rolloutState() != DeploymentRolloutState.FAILED && service.mayLaunch(now)) {
            List<EcsTask> started = java.util.stream.IntStream.range(0, desired - active.size())
                    .mapToObj(i -> newTask.apply(service)).toList();
            started.forEach(runner::launch);
            service.event("has started " + started.size() + " tasks: " + ids(started) + ".");
            service.notSteady();
            if (service.failedTasks() > 0) {
                long backoff = Math.min(MAX_LAUNCH_BACKOFF.toMillis(), 500L << Math.min(service.failedTasks(), 10));
                service.backOffLaunches(now + Duration.ofMillis(backoff).toNanos());
            }
        } else if (active.size() > desired) {
            List<EcsTask> surplus = active.stream()
                    .sorted(Comparator.comparing((EcsTask task) -> "RUNNING".equals(task.lastStatus()))
                            .thenComparing(task -> task.createdAt, Comparator.reverseOrder()))
                    .limit(active.size() - desired)
                    .toList();
            surplus.forEach(task -> runner.stop(task, "Scaling activity initiated by (deployment " + service.deploymentId + ")",
                    TaskStopCode.SERVICE_SCHEDULER_INITIATED));
            service.event("has stopped " + surplus.size() + " running tasks: " + ids(surplus) + ".");
            service.notSteady();
        }
        reportProgress(service);
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
                if (service.rolloutState() == DeploymentRolloutState.IN_PROGRESS) {
                    service.taskFailed();
                }
            }
        }
    }

    private void tripCircuitBreaker(EcsService service) {
        DeploymentCircuitBreaker breaker = service.request.deploymentConfiguration() == null ? null
                : service.request.deploymentConfiguration().deploymentCircuitBreaker();
        if (breaker == null || !Boolean.TRUE.equals(breaker.enable())
                || service.rolloutState() != DeploymentRolloutState.IN_PROGRESS) {
            return;
        }
        // ECS's threshold: half the desired count, at least 3 and at most 200 failed tasks.
        int threshold = Math.min(200, Math.max(3, (int) Math.ceil(service.desiredCount() * 0.5)));
        if (service.failedTasks() >= threshold) {
            service.rollout(DeploymentRolloutState.FAILED, "ECS deployment circuit breaker: tasks failed to start.");
            service.event("(deployment " + service.deploymentId + ") deployment failed: tasks failed to start.");
        }
    }

    private void reportProgress(EcsService service) {
        List<EcsTask> active = service.activeTasks();
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
        if (service.rolloutState() == DeploymentRolloutState.IN_PROGRESS) {
            service.rollout(DeploymentRolloutState.COMPLETED, "ECS deployment " + service.deploymentId + " completed.");
            service.event("(deployment " + service.deploymentId + ") deployment completed.");
        }
        if (service.markSteady()) {
            service.event("has reached a steady state.");
        }
    }

    private void drain(EcsService service) {
        service.activeTasks().forEach(task -> runner.stop(task,
                "Scaling activity initiated by (deployment " + service.deploymentId + ")", TaskStopCode.SERVICE_SCHEDULER_INITIATED));
        if (service.tasks.stream().allMatch(task -> "STOPPED".equals(task.lastStatus()))) {
            service.status("INACTIVE");
        }
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
