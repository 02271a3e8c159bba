package dev.greenlight.localcloud.ecs;

import dev.greenlight.localcloud.Timing;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.ecr.LocalEcr;
import dev.greenlight.localcloud.process.ChildProcesses;
import dev.greenlight.localcloud.process.FreePorts;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs a task's process and walks it through ECS's lifecycle: start it on a free loopback port,
 * register it with the service's target group once it listens, and on stop deregister it, wait
 * for draining, send SIGTERM and, after the container's stop timeout, SIGKILL.
 */
final class TaskRunner implements AutoCloseable {

    private static final int DEFAULT_STOP_TIMEOUT_SECONDS = 30;
    private static final Duration POLL = Duration.ofMillis(50);

    private final ChildProcesses children;
    private final LocalEcr ecr;
    private final ElasticLoadBalancingV2Client elb;
    private final Timing timing;
    private final Path logDir;
    private final Duration startTimeout;
    private final ExecutorService lifecycles = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ecs-task");
        thread.setDaemon(true);
        return thread;
    });

    TaskRunner(ChildProcesses children, LocalEcr ecr, ElasticLoadBalancingV2Client elb, Timing timing, Path logDir,
               Duration startTimeout) {
        this.children = children;
        this.ecr = ecr;
        this.elb = elb;
        this.timing = timing;
        this.logDir = logDir;
        this.startTimeout = startTimeout;
    }

    void launch(EcsTask task) {
        lifecycles.execute(() -> run(task));
    }

    /** Stops a task; the first stop wins, later calls (and their reasons) are ignored, as on ECS. */
    void stop(EcsTask task, String reason, TaskStopCode code) {
        if (task.markStopping(reason, code)) {
            lifecycles.execute(() -> stopSequence(task));
        }
    }

    private void run(EcsTask task) {
        ContainerDefinition container = task.definition.containerDefinitions().get(0);
        Image image;
        try {
            image = ecr.resolve(container.image());
        } catch (SdkException e) {
            failToStart(task, "CannotPullContainerError: " + e.getMessage());
            return;
        }
        int port = FreePorts.pick();
        task.status("PENDING");
        Process process = children.startJar(image.jar(), heapMiB(task), environment(image, container, port), logFile(task));
        task.started(process, port);
        process.onExit().thenRun(() -> exited(task, process.exitValue()));
        boolean listening = poll(() -> FreePorts.accepts(port) || !process.isAlive() || !task.wantsToRun(), startTimeout)
                && FreePorts.accepts(port);
        if (!listening) {
            if (task.wantsToRun()) {
                failToStart(task, "Task did not listen on its port within " + startTimeout.toSeconds() + " s");
            }
            return;
        }
        task.status("ACTIVATING");
        synchronized (task) {
            if (!task.wantsToRun()) {
                return;
            }
            String targetGroup = targetGroupArn(task);
            if (targetGroup != null) {
                elb.registerTargets(r -> r.targetGroupArn(targetGroup).targets(target(task)));
                task.registered(true);
            }
            task.status("RUNNING");
        }
    }

    private void exited(EcsTask task, int exitCode) {
        task.exitCode(exitCode);
        boolean started = "RUNNING".equals(task.lastStatus());
        if (started) {
            stop(task, "Essential container in task exited", TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
        } else {
            failToStart(task, "Essential container in task exited");
        }
    }

    private void failToStart(EcsTask task, String reason) {
        if (task.markStopping(reason, TaskStopCode.TASK_FAILED_TO_START)) {
            task.failedToStart();
            if (task.service != null) {
                task.service.deployment(task.deploymentId).taskFailed();
            }
            lifecycles.execute(() -> stopSequence(task));
        }
    }

    private void stopSequence(EcsTask task) {
        boolean registered;
        synchronized (task) {
            registered = task.isRegistered();
        }
        if (registered) {
            task.status("DEACTIVATING");
            deregisterAndDrain(task);
        }
        task.status("STOPPING");
        Process process = task.process();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process, timing.seconds(stopTimeoutSeconds(task)))) {
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(10));
            }
            task.exitCode(process.exitValue());
        }
        task.status("DEPROVISIONING");
        task.status("STOPPED");
    }

    private void deregisterAndDrain(EcsTask task) {
        String targetGroup = targetGroupArn(task);
        try {
            elb.deregisterTargets(r -> r.targetGroupArn(targetGroup).targets(target(task)));
            int delay = Integer.parseInt(elb.describeTargetGroupAttributes(r -> r.targetGroupArn(targetGroup)).attributes()
                    .stream().filter(a -> a.key().equals("deregistration_delay.timeout_seconds")).findFirst()
                    .map(a -> a.value()).orElse("300"));
            poll(() -> elb.describeTargetHealth(r -> r.targetGroupArn(targetGroup).targets(target(task)))
                            .targetHealthDescriptions().get(0).targetHealth().state() == TargetHealthStateEnum.UNUSED,
                    timing.seconds(delay).plusSeconds(5));
        } catch (SdkException e) {
            // The target group or target is already gone: nothing left to drain.
        }
    }

    private static String targetGroupArn(EcsTask task) {
        if (task.service == null || !task.service.request.hasLoadBalancers() || task.service.request.loadBalancers().isEmpty()) {
            return null;
        }
        return task.service.request.loadBalancers().get(0).targetGroupArn();
    }

    private static TargetDescription target(EcsTask task) {
        return TargetDescription.builder().id("127.0.0.1").port(task.port()).build();
    }

    /** The image's variables, overridden by the task definition's, plus where to listen. */
    private static Map<String, String> environment(Image image, ContainerDefinition container, int port) {
        Map<String, String> environment = new LinkedHashMap<>(image.environment());
        for (KeyValuePair pair : container.environment()) {
            environment.put(pair.name(), pair.value());
        }
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        return environment;
    }

    /** Three quarters of the container's (or else the task's) memory, as a JVM heap. */
    private static int heapMiB(EcsTask task) {
        ContainerDefinition container = task.definition.containerDefinitions().get(0);
        int memory = container.memory() != null ? container.memory()
                : task.definition.memory() != null ? Integer.parseInt(task.definition.memory().trim()) : 512;
        return Math.max(64, memory * 3 / 4);
    }

    private static int stopTimeoutSeconds(EcsTask task) {
        Integer configured = task.definition.containerDefinitions().get(0).stopTimeout();
        return configured == null ? DEFAULT_STOP_TIMEOUT_SECONDS : configured;
    }

    private Path logFile(EcsTask task) {
        try {
            Path dir = logDir.resolve(task.service == null ? "standalone" : task.service.name);
            Files.createDirectories(dir);
            return dir.resolve(task.id + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean poll(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        lifecycles.shutdownNow();
    }
}
