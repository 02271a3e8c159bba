package dev.greenlight.statemachine.task;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a synchronous Lambda invoke returns.
 *
 * @param payload       the function's result, or its error object when {@code functionError} is set
 * @param functionError {@code "Unhandled"} when the function threw, otherwise null
 */
public record LambdaResponse(JsonNode payload, String functionError) {

    public static LambdaResponse ok(JsonNode payload) {
        return new LambdaResponse(payload, null);
    }

    /** The response of a function that threw {@code errorType} with {@code errorMessage}. */
    public static LambdaResponse error(String errorType, String errorMessage) {
        ObjectNode error = Json.object();
        error.put("errorType", errorType);
        error.put("errorMessage", errorMessage);
        return new LambdaResponse(error, "Unhandled");
    }

    /** The ASL failure for a function error: errorType becomes Error and errorMessage becomes Cause. */
    TaskFailure toFailure() {
        String type = payload.path("errorType").asString("Lambda.Unknown");
        return new TaskFailure(type, payload.path("errorMessage").asString(""));
    }
}
