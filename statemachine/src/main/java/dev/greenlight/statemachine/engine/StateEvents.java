package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Details of the events every state records; inputs and outputs are JSON strings, as in the AWS API. */
final class StateEvents {

    private StateEvents() {
    }

    static ObjectNode entered(String name, JsonNode input) {
        ObjectNode details = Json.object();
        details.put("name", name);
        details.put("input", Json.write(input));
        return details;
    }

    static ObjectNode exited(String name, JsonNode output) {
        ObjectNode details = Json.object();
        details.put("name", name);
        details.put("output", Json.write(output));
        return details;
    }

    static ObjectNode error(String error, String cause) {
        ObjectNode details = Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }
}
