package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

/** A Pass state: hands on its input, its Parameters or its fixed Result. */
record PassState(String name, String next, DataFlow io, Assignment assign, JsonNode result) implements State {

    static PassState of(String name, JsonNode node) {
        return new PassState(name, node.path("Next").asString(null), DataFlow.of(node, "Parameters"), Assignment.of(node),
                node.get("Result"));
    }

    @Override
    public String type() {
        return "Pass";
    }

    @Override
    public Transition execute(JsonNode input, StateContext context) throws AslError {
        JsonNode effective = io.effectiveInput(input, context);
        JsonNode value = result != null ? result : io.parameters(effective, context);
        return new Transition(next, io.output(input, value, context), assign.evaluate(value, context));
    }
}
