package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One Catch entry: which errors, where to go, and where the error output goes ({@code $} by default). */
record Catcher(List<String> errorEquals, String next, JsonNode resultPath) {

    static Catcher of(JsonNode node) {
        List<String> errors = new ArrayList<>();
        node.get("ErrorEquals").forEach(error -> errors.add(error.asString()));
        return new Catcher(errors, node.get("Next").asString(), node.get("ResultPath"));
    }

    boolean matches(AslError error) {
        return errorEquals.stream().anyMatch(error::matches);
    }
}
