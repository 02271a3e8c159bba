package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;

/**
 * What a path can start from: {@code $} the data, {@code $$} the context object, {@code $name} a workflow
 * variable.
 *
 * @param variables an object of every variable visible to the state, by name
 */
public record PathRoots(JsonNode data, JsonNode context, JsonNode variables) {

    /** The same context object and variables over other data, such as a task's result. */
    public PathRoots over(JsonNode otherData) {
        return new PathRoots(otherData, context, variables);
    }
}
