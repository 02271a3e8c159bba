package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.IntrinsicCall;
import dev.greenlight.statemachine.json.IntrinsicException;
import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.JsonPathException;
import tools.jackson.databind.JsonNode;

/** A Fail state: ends the execution with an error and cause, fixed or read from the input. */
record FailState(String name, String error, String errorPath, String cause, String causePath) implements State {

    static FailState of(String name, JsonNode node) {
        return new FailState(name, node.path("Error").asString(null), node.path("ErrorPath").asString(null),
                node.path("Cause").asString(null), node.path("CausePath").asString(null));
    }

    @Override
    public String type() {
        return "Fail";
    }

    @Override
    public Transition execute(JsonNode input, StateContext context) throws AslError {
        throw new AslError(resolve(error, errorPath, input, context), resolve(cause, causePath, input, context));
    }

    private String resolve(String fixed, String path, JsonNode input, StateContext context) throws AslError {
        if (path == null) {
            return fixed;
        }
        try {
            JsonNode value = IntrinsicCall.looksLikeCall(path)
                    ? context.run.intrinsics.evaluate(path, context.roots(input))
                    : JsonPath.parse(path).evaluate(context.roots(input));
            if (!value.isString()) {
                throw new AslError(AslError.RUNTIME, "Fail state '" + name + "': " + path + " must point to a string");
            }
            return value.stringValue();
        } catch (JsonPathException | IntrinsicException e) {
            throw new AslError(AslError.RUNTIME, "Fail state '" + name + "': " + e.getMessage());
        }
    }
}
