package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a state hands over: the next state's name (null when the scope ends), the state's output, and the
 * variables it assigned (set once the state is done).
 */
record Transition(String next, JsonNode output, ObjectNode assigned) {

    Transition(String next, JsonNode output) {
        this(next, output, Json.object());
    }

    boolean ends() {
        return next == null;
    }
}
