package dev.greenlight.localcloud.ecs;

import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** One ECS service: its settings, its single deployment's progress, its tasks and its event log. */
final class EcsService {

    private static final int MAX_EVENTS = 100;

    final String arn;
    final String name;
    final String clusterArn;
    final CreateServiceRequest request;
    final TaskDefinition definition;
    final Instant createdAt = Instant.now();
    final String deploymentId;
    final List<EcsTask> tasks = new CopyOnWriteArrayList<>();
    private final LinkedList<ServiceEvent> events = new LinkedList<>();
    private volatile String status = "ACTIVE";
    private volatile int desiredCount;
    private volatile DeploymentRolloutState rolloutState = DeploymentRolloutState.IN_PROGRESS;
    private volatile String rolloutStateReason;
    private volatile Instant deploymentUpdatedAt = Instant.now();
    private volatile int failedTasks;
    private volatile boolean steady;
    private volatile long nextLaunchNanos = System.nanoTime();

    EcsService(String arn, String clusterArn, CreateServiceRequest request, TaskDefinition definition, String deploymentId) {
        this.arn = arn;
        this.name = request.serviceName();
        this.clusterArn = clusterArn;
        this.request = request;
        this.definition = definition;
        this.deploymentId = deploymentId;
        this.desiredCount = request.desiredCount() == null ? 0 : request.desiredCount();
        this.rolloutStateReason = "ECS deployment " + deploymentId + " in progress.";
    }

    String status() {
        return status;
    }

    void status(String status) {
        this.status = status;
    }

    int desiredCount() {
        return desiredCount;
    }

    void desiredCount(int count) {
        if (count != desiredCount) {
            desiredCount = count;
            steady = false;
        }
    }

    DeploymentRolloutState rolloutState() {
        return rolloutState;
    }

    void rollout(DeploymentRolloutState state, String reason) {
        if (state != rolloutState) {
            rolloutState = state;
            rolloutStateReason = reason;
            deploymentUpdatedAt = Instant.now();
        }
    }

    int failedTasks() {
        return failedTasks;
    }

    void taskFailed() {
        failedTasks++;
    }

    /** Whether the scheduler may launch now; after failed launches it backs off, as ECS throttles. */
    boolean mayLaunch(long nowNanos) {
        return nowNanos - nextLaunchNanos >= 0;
    }

    void backOffLaunches(long untilNanos) {
        nextLaunchNanos = untilNanos;
    }

    boolean markSteady() {
        boolean changed = !steady;
        steady = true;
        return changed;
    }

    void notSteady() {
        steady = false;
    }

    synchronized void event(String message) {
        events.addFirst(ServiceEvent.builder().id(UUID.randomUUID().toString()).createdAt(Instant.now())
                .message("(service " + name + ") " + message).build());
        if (events.size() > MAX_EVENTS) {
            events.removeLast();
        }
    }

    List<EcsTask> activeTasks() {
        return tasks.stream().filter(EcsTask::wantsToRun).toList();
    }

    long count(String lastStatus) {
        return tasks.stream().filter(task -> task.wantsToRun() && task.lastStatus().equals(lastStatus)).count();
    }

    synchronized Service describe() {
        int running = (int) count("RUNNING");
        int pending = (int) (count("PROVISIONING") + count("PENDING") + count("ACTIVATING"));
        Deployment deployment = Deployment.builder()
                .id(deploymentId)
                .status("INACTIVE".equals(status) ? "INACTIVE" : "PRIMARY")
                .taskDefinition(definition.taskDefinitionArn())
                .desiredCount(desiredCount)
                .runningCount(running)
                .pendingCount(pending)
                .failedTasks(failedTasks)
                .launchType("FARGATE")
                .createdAt(createdAt)
                .updatedAt(deploymentUpdatedAt)
                .rolloutState(rolloutState)
                .rolloutStateReason(rolloutStateReason)
                .build();
        return Service.builder()
                .serviceArn(arn)
                .serviceName(name)
                .clusterArn(clusterArn)
                .status(status)
                .desiredCount(desiredCount)
                .runningCount(running)
                .pendingCount(pending)
                .launchType("FARGATE")
                .taskDefinition(definition.taskDefinitionArn())
                .loadBalancers(request.loadBalancers())
                .deploymentConfiguration(request.deploymentConfiguration())
                .healthCheckGracePeriodSeconds(request.healthCheckGracePeriodSeconds())
                .networkConfiguration(request.networkConfiguration())
                .deployments("INACTIVE".equals(status) ? List.of() : List.of(deployment))
                .events(new ArrayList<>(events))
                .createdAt(createdAt)
                .schedulingStrategy("REPLICA")
                .build();
    }
}
