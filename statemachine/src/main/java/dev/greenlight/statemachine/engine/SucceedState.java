package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

/** A Succeed state: ends its scope successfully. */
record SucceedState(String name, DataFlow io) implements State {

    static SucceedState of(String name, JsonNode node) {
        return new SucceedState(name, DataFlow.of(node, "Parameters"));
    }

    @Override
    public String type() {
        return "Succeed";
    }

    @Override
    public Transition execute(JsonNode input, StateContext context) throws AslError {
        return new Transition(null, io.outputOfEffective(io.effectiveInput(input, context), context));
    }
}
