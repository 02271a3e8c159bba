package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.PathRoots;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A Choice state: the first rule that matches picks the next state and its Assign applies; when none matches,
 * Default and the state's own Assign.
 */
record ChoiceState(String name, List<Branch> choices, String defaultNext, Assignment defaultAssign, DataFlow io)
        implements State {

    /** A top-level rule, where it leads, and what it assigns. */
    record Branch(ChoiceRule rule, String next, Assignment assign) {
    }

    static ChoiceState of(String name, JsonNode node) {
        List<Branch> choices = new ArrayList<>();
        node.get("Choices").forEach(rule -> choices.add(
                new Branch(ChoiceRule.of(rule), rule.get("Next").asString(), Assignment.of(rule))));
        return new ChoiceState(name, choices, node.path("Default").asString(null), Assignment.of(node),
                DataFlow.of(node, "Parameters"));
    }

    @Override
    public String type() {
        return "Choice";
    }

    @Override
    public Transition execute(JsonNode input, StateContext context) throws AslError {
        JsonNode effective = io.effectiveInput(input, context);
        PathRoots roots = context.roots(effective);
        for (Branch choice : choices) {
            if (choice.rule().matches(roots)) {
                return new Transition(choice.next(), io.outputOfEffective(effective, context),
                        choice.assign().evaluate(effective, context));
            }
        }
        if (defaultNext == null) {
            throw new AslError(AslError.NO_CHOICE_MATCHED, "No Choice rule matched and there is no Default in state '" + name + "'");
        }
        return new Transition(defaultNext, io.outputOfEffective(effective, context), defaultAssign.evaluate(effective, context));
    }
}
