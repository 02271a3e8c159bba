package dev.greenlight.localcloud.ecs;

import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** One ECS service: its settings, its deployments (newest first), its tasks and its event log. */
final class EcsService {

    private static final int MAX_EVENTS = 100;

    final String arn;
    final String name;
    final String clusterArn;
    final CreateServiceRequest request;
    final Instant createdAt = Instant.now();
    final List<EcsTask> tasks = new CopyOnWriteArrayList<>();
    private final List<ServiceDeployment> deployments = new CopyOnWriteArrayList<>();
    private final LinkedList<ServiceEvent> events = new LinkedList<>();
    private volatile String status = "ACTIVE";
    private volatile int desiredCount;
    private volatile boolean steady;
    private volatile long nextLaunchNanos = System.nanoTime();

    EcsService(String arn, String clusterArn, CreateServiceRequest request, TaskDefinition definition) {
        this.arn = arn;
        this.name = request.serviceName();
        this.clusterArn = clusterArn;
        this.request = request;
        this.desiredCount = request.desiredCount() == null ? 0 : request.desiredCount();
        deployments.add(new ServiceDeployment(definition, null));
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

    /** The deployment new tasks belong to. */
    ServiceDeployment primary() {
        return deployments.get(0);
    }

    ServiceDeployment deployment(String id) {
        return deployments.stream().filter(d -> d.id.equals(id)).findFirst().orElseThrow();
    }

    /** The deployments other than the primary that have not been retired yet. */
    List<ServiceDeployment> olderDeployments() {
        return deployments.stream().skip(1).filter(d -> !"INACTIVE".equals(d.status())).toList();
    }

    /** Starts a new primary deployment of this task definition; the previous primary becomes ACTIVE. */
    synchronized ServiceDeployment deploy(TaskDefinition definition, String reason) {
        primary().status("ACTIVE");
        ServiceDeployment deployment = new ServiceDeployment(definition, reason);
        deployments.add(0, deployment);
        steady = false;
        return deployment;
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

    List<EcsTask> activeTasks(ServiceDeployment deployment) {
        return tasks.stream().filter(task -> task.wantsToRun() && task.deploymentId.equals(deployment.id)).toList();
    }

    synchronized Service describe() {
        List<EcsTask> active = activeTasks();
        int running = (int) active.stream().filter(task -> "RUNNING".equals(task.lastStatus())).count();
        List<Deployment> described = new ArrayList<>();
        if (!"INACTIVE".equals(status)) {
            described.add(primary().describe(tasks, desiredCount));
            olderDeployments().forEach(d -> described.add(d.describe(tasks, 0)));
        }
        return Service.builder()
                .serviceArn(arn)
                .serviceName(name)
                .clusterArn(clusterArn)
                .status(status)
                .desiredCount(desiredCount)
                .runningCount(running)
                .pendingCount(active.size() - running)
                .launchType("FARGATE")
                .taskDefinition(primary().definition.taskDefinitionArn())
                .loadBalancers(request.loadBalancers())
                .deploymentConfiguration(request.deploymentConfiguration())
                .healthCheckGracePeriodSeconds(request.healthCheckGracePeriodSeconds())
                .networkConfiguration(request.networkConfiguration())
                .deployments(described)
                .events(new ArrayList<>(events))
                .createdAt(createdAt)
                .schedulingStrategy("REPLICA")
                .build();
    }
}
