package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Arrays;

/**
 * The history events of one task attempt, named as AWS names them: LambdaFunctionScheduled, ...Started,
 * ...Succeeded, ...Failed, ...TimedOut for a bare function ARN; TaskScheduled, ... for an integration
 * such as {@code arn:aws:states:::lambda:invoke}, with its resourceType and resource.
 */
record TaskEvents(String resource, StateContext context) {

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
        details.put("resource", parts.length > 6 ? String.join(":", Arrays.copyOfRange(parts, 6, parts.length)) : resource);
    }
}
