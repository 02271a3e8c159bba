package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.JsonPathException;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import dev.greenlight.statemachine.task.TaskFailure;
import dev.greenlight.statemachine.task.TaskHandler;
import dev.greenlight.statemachine.task.TaskRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A Task state: runs its Resource through the task registry, with timeout, Retry and Catch. */
record TaskState(String name, String next, String resource, DataFlow io, ErrorHandling errors,
                 Long timeoutSeconds, String timeoutSecondsPath) implements State {

    static TaskState of(String name, JsonNode node) {
        return new TaskState(name, node.path("Next").asString(null), node.get("Resource").asString(),
                DataFlow.of(node, "Parameters"), ErrorHandling.of(node),
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
        return new Transition(next, io.output(input, selected, context));
    }

    private Duration timeout(JsonNode effective, StateContext context) throws AslError {
        if (timeoutSecondsPath == null) {
            return timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
        }
        try {
            JsonNode value = JsonPath.parse(timeoutSecondsPath).evaluate(effective, context.contextObject());
            if (!Json.isInteger(value) || value.asLong() <= 0) {
                throw new AslError(AslError.RUNTIME, "TimeoutSecondsPath must point to a positive integer");
            }
            return Duration.ofSeconds(value.asLong());
        } catch (JsonPathException e) {
            throw new AslError(AslError.RUNTIME, e.getMessage());
        }
    }

    private JsonNode invoke(JsonNode taskInput, Duration timeout, StateContext context) throws AslError {
        TaskEvents events = new TaskEvents(resource, context);
        TaskHandler handler = context.run.tasks.handlerFor(resource)
                .orElseThrow(() -> new AslError(AslError.RUNTIME, "no task handler for resource " + resource));
        events.scheduled(taskInput, timeout);
        Duration limit = limitedByExecutionDeadline(timeout, context);
        TaskRequest request = new TaskRequest(resource, taskInput, context.run.executionArn, name, context.retryCount());
        try {
            events.started();
            JsonNode result = context.run.timer.callWithTimeout(() -> handler.invoke(request), limit);
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
        } catch (RuntimeException e) {
            if (e instanceof ExecutionEnded ended) {
                throw ended;
            }
            events.failed(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            throw new AslError(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        } catch (Exception e) {
            events.failed(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            throw new AslError(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private static Duration limitedByExecutionDeadline(Duration timeout, StateContext context) {
        if (context.run.deadline == null) {
            return timeout;
        }
        Duration left = Duration.between(context.run.timer.now(), context.run.deadline);
        return timeout == null || left.compareTo(timeout) < 0 ? left : timeout;
    }

    /** The history events of one task attempt, named as AWS names them for Lambda functions and for integrations. */
    private record TaskEvents(String resource, StateContext context) {

        private boolean lambdaFunction() {
            return LambdaTaskRegistry.isFunctionArn(resource);
        }

        void scheduled(JsonNode input, Duration timeout) {
            ObjectNode details = Json.object();
            if (lambdaFunction()) {
                details.put("resource", resource);
                details.put("input", Json.write(input));
            } else {
                addResource(details);
                details.put("parameters", Json.write(input));
            }
            if (timeout != null) {
                details.put("timeoutInSeconds", timeout.toSeconds());
            }
            context.event(prefix() + "Scheduled", details);
        }

        void started() {
            ObjectNode details = Json.object();
            if (!lambdaFunction()) {
                addResource(details);
            }
            context.event(prefix() + "Started", details);
        }

        void succeeded(JsonNode output) {
            ObjectNode details = Json.object();
            if (!lambdaFunction()) {
                addResource(details);
            }
            details.put("output", Json.write(output));
            context.event(prefix() + "Succeeded", details);
        }

        void failed(String error, String cause) {
            context.event(prefix() + "Failed", errorDetails(error, cause));
        }

        void timedOut() {
            context.event(prefix() + "TimedOut", errorDetails(AslError.TIMEOUT, null));
        }

        private ObjectNode errorDetails(String error, String cause) {
            ObjectNode details = Json.object();
            if (!lambdaFunction()) {
                addResource(details);
            }
            details.put("error", error);
            if (cause != null) {
                details.put("cause", cause);
            }
            return details;
        }

        private String prefix() {
            return lambdaFunction() ? "LambdaFunction" : "Task";
        }

        private void addResource(ObjectNode details) {
            String[] parts = resource.split(":");
            details.put("resourceType", parts.length > 5 ? parts[5] : resource);
            details.put("resource", parts.length > 6 ? String.join(":", java.util.Arrays.copyOfRange(parts, 6, parts.length)) : resource);
        }
    }
}
