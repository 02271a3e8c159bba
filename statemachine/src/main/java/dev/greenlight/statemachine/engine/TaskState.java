package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.JsonPathException;
import dev.greenlight.statemachine.task.TaskFailure;
import dev.greenlight.statemachine.task.TaskHandler;
import dev.greenlight.statemachine.task.TaskRequest;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A Task state: runs its Resource through the task registry, with timeout, Retry and Catch. */
record TaskState(String name, String next, String resource, DataFlow io, Assignment assign, ErrorHandling errors,
                 Long timeoutSeconds, String timeoutSecondsPath) implements State {

    static TaskState of(String name, JsonNode node) {
        return new TaskState(name, node.path("Next").asString(null), node.get("Resource").asString(),
                DataFlow.of(node, "Parameters"), Assignment.of(node), ErrorHandling.of(node),
                node.has("TimeoutSeconds") ? node.get("TimeoutSeconds").asLong() : null,
                node.path("TimeoutSecondsPath").asString(null));
    }

    @Override
    public String type() {
        return "Task";
    }

    @Override
    public Transition execute(JsonNode input, StateContext context) throws AslError {
        return errors.run(input, context, () -> attempt(input, context));
    }

    private Transition attempt(JsonNode input, StateContext context) throws AslError {
        JsonNode effective = io.effectiveInput(input, context);
        JsonNode taskInput = io.parameters(effective, context);
        JsonNode result = invoke(taskInput, timeout(effective, context), context);
        JsonNode selected = io.selectResult(result, context);
        return new Transition(next, io.output(input, selected, context), assign.evaluate(selected, context));
    }

    private Duration timeout(JsonNode effective, StateContext context) throws AslError {
        if (timeoutSecondsPath == null) {
            return timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
        }
        try {
            JsonNode value = JsonPath.parse(timeoutSecondsPath).evaluate(context.roots(effective));
            if (!Json.isInteger(value) || value.asLong() <= 0) {
                throw new AslError(AslError.RUNTIME, "TimeoutSecondsPath must point to a positive integer");
            }
            return Duration.ofSeconds(value.asLong());
        } catch (JsonPathException e) {
            throw new AslError(AslError.RUNTIME, e.getMessage());
        }
    }

    private JsonNode invoke(JsonNode taskInput, Duration timeout, StateContext context) throws AslError {
        TaskHandler handler = context.run.tasks.handlerFor(resource)
                .orElseThrow(() -> new AslError(AslError.RUNTIME, "no task handler for resource " + resource));
        TaskEvents events = new TaskEvents(resource, context);
        TaskRequest request = new TaskRequest(resource, taskInput, context.run.executionArn, name, context.retryCount());
        events.scheduled(taskInput, timeout);
        events.started();
        try {
            JsonNode result = context.run.timer.callWithTimeout(() -> handler.invoke(request),
                    limitedByExecutionDeadline(timeout, context));
            events.succeeded(result);
            return result;
        } catch (TaskFailure failure) {
            events.failed(failure.error(), failure.cause());
            throw new AslError(failure.error(), failure.cause());
        } catch (TimeoutException e) {
            context.run.checkRunning();
            events.timedOut();
            throw new AslError(AslError.TIMEOUT, "The task '" + name + "' did not finish within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionEnded(ExecutionStatus.ABORTED, "interrupted");
        } catch (ExecutionEnded ended) {
            throw ended;
        } catch (Exception unexpected) {
            // a handler that threw something other than TaskFailure: report it under its own name
            String error = unexpected.getClass().getSimpleName();
            events.failed(error, String.valueOf(unexpected.getMessage()));
            throw new AslError(error, String.valueOf(unexpected.getMessage()));
        }
    }

    private static Duration limitedByExecutionDeadline(Duration timeout, StateContext context) {
        if (context.run.deadline == null) {
            return timeout;
        }
        Duration left = Duration.between(context.run.timer.now(), context.run.deadline);
        return timeout == null || left.compareTo(timeout) < 0 ? left : timeout;
    }
}
