package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.definition.DefinitionValidator;
import dev.greenlight.statemachine.definition.InvalidDefinitionException;
import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** A validated, loaded ASL definition, ready to run. */
public final class StateMachine {

    private final JsonNode definition;
    private final Scope scope;
    private final Long timeoutSeconds;

    private StateMachine(JsonNode definition) {
        this.definition = definition;
        this.scope = Scope.of(definition);
        this.timeoutSeconds = definition.has("TimeoutSeconds") ? definition.get("TimeoutSeconds").asLong() : null;
    }

    /**
     * Parses and validates a definition.
     *
     * @throws InvalidDefinitionException listing every problem, when it is not valid JSON or not valid ASL
     */
    public static StateMachine parse(String json) {
        JsonNode definition;
        try {
            definition = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(List.of("/: " + e.getMessage()));
        }
        List<String> problems = DefinitionValidator.validate(definition);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new StateMachine(definition);
    }

    public JsonNode definition() {
        return definition.deepCopy();
    }

    Scope scope() {
        return scope;
    }

    Long timeoutSeconds() {
        return timeoutSeconds;
    }
}
