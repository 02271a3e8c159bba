package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One Catch entry: which errors, where to go, where the error output goes ({@code $} by default), what it assigns. */
record Catcher(List<String> errorEquals, String next, JsonNode resultPath, Assignment assign) {

    static Catcher of(JsonNode node) {
        List<String> errors = new ArrayList<>();
        node.get("ErrorEquals").forEach(error -> errors.add(error.asString()));
        return new Catcher(errors, node.get("Next").asString(), node.get("ResultPath"), Assignment.of(node));
    }

    boolean matches(AslError error) {
        return errorEquals.stream().anyMatch(error::matches);
    }
}
