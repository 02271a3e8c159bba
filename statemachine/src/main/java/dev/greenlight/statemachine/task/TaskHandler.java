package dev.greenlight.statemachine.task;

import tools.jackson.databind.JsonNode;

/** Runs one kind of task resource. */
@FunctionalInterface
public interface TaskHandler {

    /**
     * Runs the task and returns its result.
     *
     * @throws TaskFailure          when the task fails; its error and cause go to Retry and Catch
     * @throws InterruptedException when the execution is stopped or the task times out
     */
    JsonNode invoke(TaskRequest request) throws TaskFailure, InterruptedException;
}
