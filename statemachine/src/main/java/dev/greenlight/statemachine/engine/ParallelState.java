package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** A Parallel state: runs every branch on the same input at once; the result is the array of their outputs. */
record ParallelState(String name, String next, List<Scope> branches, DataFlow io, Assignment assign, ErrorHandling errors)
        implements State {

    static ParallelState of(String name, JsonNode node) {
        List<Scope> branches = new ArrayList<>();
        node.get("Branches").forEach(branch -> branches.add(Scope.of(branch)));
        return new ParallelState(name, node.path("Next").asString(null), branches, DataFlow.of(node, "Parameters"),
                Assignment.of(node), ErrorHandling.of(node));
    }

    @Override
    public String type() {
        return "Parallel";
    }

    @Override
    public Transition execute(JsonNode input, StateContext context) throws AslError {
        return errors.run(input, context, () -> attempt(input, context));
    }

    private Transition attempt(JsonNode input, StateContext context) throws AslError {
        JsonNode branchInput = io.parameters(io.effectiveInput(input, context), context);
        context.event("ParallelStateStarted", Json.object());
        long started = context.flow.lastEventId();
        List<Callable<JsonNode>> work = new ArrayList<>();
        for (Scope branch : branches) {
            work.add(() -> branch.run(branchInput, context.run, new Flow(started), context.variables.inner()));
        }
        List<JsonNode> outputs;
        try {
            outputs = Branches.runAll(work, branches.size(), context.run);
        } catch (AslError error) {
            context.event("ParallelStateFailed", StateEvents.error(error.error(), error.cause()));
            throw error;
        }
        context.event("ParallelStateSucceeded", Json.object());
        ArrayNode result = Json.array();
        outputs.forEach(result::add);
        JsonNode selected = io.selectResult(result, context);
        return new Transition(next, io.output(input, selected, context), assign.evaluate(selected, context));
    }
}
