package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Details of ExecutionStarted and ExecutionSucceeded. */
final class ExecutionEvents {

    private ExecutionEvents() {
    }

    static ObjectNode started(JsonNode input, String roleArn) {
        ObjectNode details = Json.object();
        details.put("input", Json.write(input));
        details.put("roleArn", roleArn);
        return details;
    }

    static ObjectNode succeeded(JsonNode output) {
        ObjectNode details = Json.object();
        details.put("output", Json.write(output));
        return details;
    }
}
