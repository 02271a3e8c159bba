package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Intrinsics;
import dev.greenlight.statemachine.task.TaskRegistry;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * What every state of one execution shares: identity, input, time, the task registry, the history,
 * and whether the execution was stopped or has run out of time.
 */
final class Run {

    final String executionArn;
    final String executionName;
    final String stateMachineArn;
    final String stateMachineName;
    final String roleArn;
    final JsonNode input;
    final Instant startTime;
    final Instant deadline;
    final Timer timer;
    final TaskRegistry tasks;
    final Intrinsics intrinsics;
    final Random random;
    final History history;
    final ExecutorService branches;
    private volatile boolean stopped;

    Run(Execution.Identity identity, JsonNode input, Instant startTime, Instant deadline, Engine.Services services) {
        this.executionArn = identity.executionArn();
        this.executionName = identity.name();
        this.stateMachineArn = identity.stateMachineArn();
        this.stateMachineName = identity.stateMachineName();
        this.roleArn = identity.roleArn();
        this.input = input;
        this.startTime = startTime;
        this.deadline = deadline;
        this.timer = services.timer();
        this.tasks = services.tasks();
        this.intrinsics = services.intrinsics();
        this.random = services.random();
        this.history = new History(services.timer());
        this.branches = services.executor();
    }

    void stop() {
        stopped = true;
    }

    /** Throws when the execution was stopped or has passed its TimeoutSeconds. */
    void checkRunning() {
        if (stopped) {
            throw new ExecutionEnded(ExecutionStatus.ABORTED, "stopped");
        }
        if (deadline != null && !timer.now().isBefore(deadline)) {
            throw new ExecutionEnded(ExecutionStatus.TIMED_OUT, "the execution ran past its TimeoutSeconds");
        }
    }

    /** Waits until {@code instant}, but not past the execution's deadline. */
    void sleepUntil(Instant instant) {
        try {
            if (deadline != null && instant.isAfter(deadline)) {
                timer.sleepUntil(deadline);
            } else {
                timer.sleepUntil(instant);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionEnded(ExecutionStatus.ABORTED, "interrupted");
        }
        checkRunning();
    }
}
