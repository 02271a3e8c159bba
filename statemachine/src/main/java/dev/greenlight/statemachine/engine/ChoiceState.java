package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A Choice state: the first rule that matches picks the next state, else Default. */
record ChoiceState(String name, List<Branch> choices, String defaultNext, DataFlow io) implements State {

    /** A top-level rule and where it leads. */
    record Branch(ChoiceRule rule, String next) {
    }

    static ChoiceState of(String name, JsonNode node) {
        List<Branch> choices = new ArrayList<>();
        node.get("Choices").forEach(rule -> choices.add(new Branch(ChoiceRule.of(rule), rule.get("Next").asString())));
        return new ChoiceState(name, choices, node.path("Default").asString(null), DataFlow.of(node, "Parameters"));
    }

    @Override
    public String type() {
        return "Choice";
    }

    @Override
    public Transition execute(JsonNode input, StateContext context) throws AslError {
        JsonNode effective = io.effectiveInput(input, context);
        JsonNode contextObject = context.contextObject();
        for (Branch choice : choices) {
            if (choice.rule().matches(effective, contextObject)) {
                return new Transition(choice.next(), io.outputOfEffective(effective, context));
            }
        }
        if (defaultNext == null) {
            throw new AslError(AslError.NO_CHOICE_MATCHED, "No Choice rule matched and there is no Default in state '" + name + "'");
        }
        return new Transition(defaultNext, io.outputOfEffective(effective, context));
    }
}
