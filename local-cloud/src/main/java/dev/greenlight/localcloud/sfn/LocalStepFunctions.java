package dev.greenlight.localcloud.sfn;

import dev.greenlight.statemachine.engine.Engine;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.ExecutionAlreadyExistsException;
import dev.greenlight.statemachine.engine.ExecutionStatus;
import dev.greenlight.statemachine.engine.StateMachine;
import dev.greenlight.statemachine.engine.Timer;
import dev.greenlight.statemachine.task.TaskRegistry;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Step Functions on the local engine: state machines registered by name, and their executions, newest
 * first. Failures are {@link SfnException}s carrying AWS's error codes.
 */
public final class LocalStepFunctions implements AutoCloseable {

    // Step Functions refuses names with whitespace, brackets, wildcards and these punctuation characters.
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

    /**
     * A state machine as DescribeStateMachine tells it.
     *
     * @param name      its name
     * @param machine   its definition
     * @param createdAt when it was created
     */
    public record Registered(String name, StateMachine machine, java.time.Instant createdAt) {
    }

    private final Engine engine;
    private final String region;
    private final String account;
    private final Map<String, Registered> machines = new ConcurrentHashMap<>();
    private final List<Execution> started = new ArrayList<>();

    public LocalStepFunctions(TaskRegistry tasks, Timer timer, String region, String account) {
        this.engine = new Engine(tasks, timer, new Random(), region, account);
        this.region = region;
        this.account = account;
    }

    /** CreateStateMachine of a parsed definition; returns its ARN. */
    public String createStateMachine(String name, StateMachine machine) {
        String arn = "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
        machines.put(arn, new Registered(name, machine, java.time.Instant.now()));
        return arn;
    }

    /** DescribeStateMachine: the state machine with this ARN, or StateMachineDoesNotExist. */
    public Registered stateMachine(String stateMachineArn) {
        Registered registered = machines.get(Arns.stateMachine(stateMachineArn));
        if (registered == null) {
            throw new SfnException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'");
        }
        return registered;
    }

    /**
     * StartExecution; idempotent for the name of a running execution with the same input.
     *
     * @param name null for a generated name
     */
    public Execution start(String stateMachineArn, String name, JsonNode input) {
        Registered registered = stateMachine(stateMachineArn);
        if (name != null && !NAME.matcher(name).matches()) {
            throw new SfnException("InvalidName", "Invalid Name: '" + name + "'");
        }
        try {
            Execution execution = engine.start(registered.machine(), registered.name(), name, input);
            synchronized (started) {
                if (!started.contains(execution)) {
                    started.add(execution);
                }
            }
            return execution;
        } catch (ExecutionAlreadyExistsException e) {
            throw new SfnException("ExecutionAlreadyExists", e.getMessage());
        }
    }

    /** The execution with this ARN, or ExecutionDoesNotExist. */
    public Execution execution(String executionArn) {
        return engine.find(Arns.execution(executionArn)).orElseThrow(() -> new SfnException("ExecutionDoesNotExist",
                "Execution Does Not Exist: '" + executionArn + "'"));
    }

    /** ListExecutions: a state machine's executions, newest first, all or only those in {@code status}. */
    public List<Execution> executions(String stateMachineArn, ExecutionStatus status) {
        if (!machines.containsKey(Arns.stateMachine(stateMachineArn))) {
            throw new SfnException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'");
        }
        List<Execution> newestFirst = new ArrayList<>();
        synchronized (started) {
            for (int i = started.size() - 1; i >= 0; i--) {
                Execution execution = started.get(i);
                if (execution.identity().stateMachineArn().equals(stateMachineArn)
                        && (status == null || execution.status() == status)) {
                    newestFirst.add(execution);
                }
            }
        }
        return newestFirst;
    }

    /** Stops every running execution. */
    @Override
    public void close() {
        engine.close();
    }
}
