package dev.greenlight.localcloud.ecs;

import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

import java.time.Instant;

/**
 * One task: a child process with ECS's lifecycle. lastStatus moves PROVISIONING → PENDING →
 * ACTIVATING → RUNNING, and when stopped DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED.
 */
final class EcsTask {

    final String arn;
    final String id;
    final String clusterArn;
    final EcsService service;
    final String deploymentId;
    final TaskDefinition definition;
    final Instant createdAt = Instant.now();
    private volatile String lastStatus = "PROVISIONING";
    private volatile String desiredStatus = "RUNNING";
    private volatile int port;
    private volatile Process process;
    private volatile Instant startedAt;
    private volatile Instant stoppingAt;
    private volatile Instant stoppedAt;
    private volatile String stoppedReason;
    private volatile TaskStopCode stopCode;
    private volatile Integer exitCode;
    private volatile boolean registered;
    private volatile boolean failedToStart;

    EcsTask(String arn, String id, String clusterArn, EcsService service, String deploymentId, TaskDefinition definition) {
        this.arn = arn;
        this.id = id;
        this.clusterArn = clusterArn;
        this.service = service;
        this.deploymentId = deploymentId;
        this.definition = definition;
    }

    String lastStatus() {
        return lastStatus;
    }

    void status(String status) {
        this.lastStatus = status;
        if ("RUNNING".equals(status)) {
            startedAt = Instant.now();
        }
        if ("STOPPED".equals(status)) {
            stoppedAt = Instant.now();
        }
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean wantsToRun() {
        return "RUNNING".equals(desiredStatus);
    }

    /**
     * Marks the task for stopping; returns false when it was already on its way out.
     * The first reason given is the one reported, as on ECS.
     */
    synchronized boolean markStopping(String reason, TaskStopCode code) {
        if (!wantsToRun()) {
            return false;
        }
        desiredStatus = "STOPPED";
        stoppingAt = Instant.now();
        stoppedReason = reason;
        stopCode = code;
        return true;
    }

    void started(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    Process process() {
        return process;
    }

    int port() {
        return port;
    }

    void registered(boolean registered) {
        this.registered = registered;
    }

    boolean isRegistered() {
        return registered;
    }

    void failedToStart() {
        this.failedToStart = true;
    }

    boolean didFailToStart() {
        return failedToStart;
    }

    void exitCode(int code) {
        this.exitCode = code;
    }

    String containerName() {
        return definition.containerDefinitions().get(0).name();
    }

    Task describe() {
        Container container = Container.builder()
                .name(containerName())
                .image(definition.containerDefinitions().get(0).image())
                .lastStatus(lastStatus.equals("STOPPED") || lastStatus.equals("DEPROVISIONING") ? "STOPPED"
                        : lastStatus.equals("RUNNING") || lastStatus.equals("DEACTIVATING") || lastStatus.equals("STOPPING")
                        ? "RUNNING" : "PENDING")
                .exitCode(exitCode)
                .runtimeId(process == null ? null : String.valueOf(process.pid()))
                .taskArn(arn)
                .networkInterfaces(NetworkInterface.builder().privateIpv4Address("127.0.0.1").build())
                .networkBindings(port == 0 ? java.util.List.of() : java.util.List.of(NetworkBinding.builder()
                        .bindIP("127.0.0.1").containerPort(containerPort()).hostPort(port)
                        .protocol(TransportProtocol.TCP).build()))
                .build();
        return Task.builder()
                .taskArn(arn)
                .clusterArn(clusterArn)
                .taskDefinitionArn(definition.taskDefinitionArn())
                .group(service == null ? null : "service:" + service.name)
                .startedBy(deploymentId)
                .launchType("FARGATE")
                .cpu(definition.cpu())
                .memory(definition.memory())
                .lastStatus(lastStatus)
                .desiredStatus(desiredStatus)
                .createdAt(createdAt)
                .startedAt(startedAt)
                .stoppingAt(stoppingAt)
                .stoppedAt(stoppedAt)
                .stoppedReason(stoppedReason)
                .stopCode(stopCode)
                .containers(container)
                .build();
    }

    int containerPort() {
        var mappings = definition.containerDefinitions().get(0).portMappings();
        return mappings.isEmpty() || mappings.get(0).containerPort() == null ? port : mappings.get(0).containerPort();
    }
}
