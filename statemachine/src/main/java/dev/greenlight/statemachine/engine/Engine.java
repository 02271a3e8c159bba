package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Intrinsics;
import dev.greenlight.statemachine.task.TaskRegistry;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local Step Functions engine: starts executions of loaded state machines, each on its own
 * thread, many at once. Time, randomness and task resources are injected.
 */
public final class Engine implements AutoCloseable {

    /** What the engine is built from. */
    record Services(Timer timer, TaskRegistry tasks, Intrinsics intrinsics, Random random, ExecutorService executor) {
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Services services;
    private final String region;
    private final String account;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    public Engine(TaskRegistry tasks, Timer timer, Random random, String region, String account) {
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "asl-execution-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.services = new Services(timer, tasks, new Intrinsics(UUID::randomUUID, random), random, executor);
        this.region = region;
        this.account = account;
    }

    /**
     * StartExecution. Starting again with the name of a running execution and the same input returns that
     * execution, as Step Functions does for standard workflows; any other reuse of a name is refused.
     *
     * @param executionName null for a generated name
     * @throws ExecutionAlreadyExistsException when the name is taken
     */
    public Execution start(StateMachine machine, String machineName, String executionName, JsonNode input) {
        String machineArn = "arn:aws:states:" + region + ":" + account + ":stateMachine:" + machineName;
        String name = executionName == null ? UUID.randomUUID().toString() : executionName;
        String arn = "arn:aws:states:" + region + ":" + account + ":execution:" + machineName + ":" + name;
        boolean[] launched = {false};
        Execution execution = executions.computeIfAbsent(arn, key -> {
            launched[0] = true;
            return launch(machine, new Execution.Identity(key, name, machineArn, machineName,
                    "arn:aws:iam::" + account + ":role/" + machineName + "-role"), input);
        });
        boolean sameRunningRequest = execution.status() == ExecutionStatus.RUNNING && execution.input().equals(input);
        if (!launched[0] && !sameRunningRequest) {
            throw new ExecutionAlreadyExistsException(arn);
        }
        return execution;
    }

    /** Starts an execution with a generated name and waits for it to end. */
    public Execution run(StateMachine machine, String machineName, JsonNode input) throws InterruptedException {
        return start(machine, machineName, null, input).await();
    }

    /** Stops every execution's threads; for shutting the local cloud down. */
    @Override
    public void close() {
        executions.values().forEach(execution -> execution.stop(null, "the engine was shut down"));
        services.executor().shutdownNow();
    }

    public Optional<Execution> find(String executionArn) {
        return Optional.ofNullable(executions.get(executionArn));
    }

    public Collection<Execution> executions() {
        return executions.values();
    }

    private Execution launch(StateMachine machine, Execution.Identity identity, JsonNode input) {
        Instant start = services.timer().now();
        Instant deadline = machine.timeoutSeconds() == null ? null : start.plusSeconds(machine.timeoutSeconds());
        Execution execution = new Execution(identity, new Run(identity, input.deepCopy(), start, deadline, services));
        services.executor().submit(() -> execution.runToEnd(machine.scope()));
        return execution;
    }
}
