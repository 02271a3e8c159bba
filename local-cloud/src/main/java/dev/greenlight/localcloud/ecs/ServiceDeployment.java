package dev.greenlight.localcloud.ecs;

import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One deployment of a service: a task definition rolled out to the desired count. The newest is
 * PRIMARY; older ones stay ACTIVE until the primary completes, then they are scaled in and retired.
 */
final class ServiceDeployment {

    final String id = "ecs-svc/" + (1_000_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(8_000_000_000_000_000_000L));
    final TaskDefinition definition;
    final Instant createdAt = Instant.now();
    private volatile String status = "PRIMARY";
    private volatile DeploymentRolloutState rolloutState = DeploymentRolloutState.IN_PROGRESS;
    private volatile String rolloutStateReason;
    private volatile Instant updatedAt = createdAt;
    private volatile int failedTasks;

    ServiceDeployment(TaskDefinition definition, String reason) {
        this.definition = definition;
        this.rolloutStateReason = reason == null ? "ECS deployment " + id + " in progress." : reason;
    }

    String status() {
        return status;
    }

    void status(String status) {
        this.status = status;
        this.updatedAt = Instant.now();
    }

    DeploymentRolloutState rolloutState() {
        return rolloutState;
    }

    void rollout(DeploymentRolloutState state, String reason) {
        if (state != rolloutState) {
            rolloutState = state;
            rolloutStateReason = reason;
            updatedAt = Instant.now();
        }
    }

    int failedTasks() {
        return failedTasks;
    }

    synchronized void taskFailed() {
        failedTasks++;
    }

    Deployment describe(List<EcsTask> tasks, int desiredCount) {
        List<EcsTask> mine = tasks.stream().filter(task -> task.deploymentId.equals(id) && task.wantsToRun()).toList();
        int running = (int) mine.stream().filter(task -> "RUNNING".equals(task.lastStatus())).count();
        return Deployment.builder()
                .id(id)
                .status(status)
                .taskDefinition(definition.taskDefinitionArn())
                .desiredCount(desiredCount)
                .runningCount(running)
                .pendingCount(mine.size() - running)
                .failedTasks(failedTasks)
                .launchType("FARGATE")
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .rolloutState(rolloutState)
                .rolloutStateReason(rolloutStateReason)
                .build();
    }
}
