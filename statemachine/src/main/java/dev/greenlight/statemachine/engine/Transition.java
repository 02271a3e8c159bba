package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

/** Where a state hands over: the next state's name (null when the scope ends) and the state's output. */
record Transition(String next, JsonNode output) {

    boolean ends() {
        return next == null;
    }
}
