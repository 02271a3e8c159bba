package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.JsonPathException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** A Map state (inline mode): runs its item processor once per item of an array, MaxConcurrency at a time. */
record MapState(String name, String next, Scope processor, String itemsPath, int maxConcurrency, DataFlow io,
                Assignment assign, ErrorHandling errors) implements State {

    /** What MaxConcurrency 0 ("no limit") comes to for an inline Map on AWS: about 40 iterations at once. */
    static final int UNLIMITED_CONCURRENCY = 40;

    static MapState of(String name, JsonNode node) {
        JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        String selectorField = node.has("ItemSelector") ? "ItemSelector" : "Parameters";
        return new MapState(name, node.path("Next").asString(null), Scope.of(processor),
                node.path("ItemsPath").asString("$"), node.path("MaxConcurrency").asInt(0),
                DataFlow.of(node, selectorField), Assignment.of(node), ErrorHandling.of(node));
    }

    @Override
    public String type() {
        return "Map";
    }

    @Override
    public Transition execute(JsonNode input, StateContext context) throws AslError {
        return errors.run(input, context, () -> attempt(input, context));
    }

    private Transition attempt(JsonNode input, StateContext context) throws AslError {
        JsonNode effective = io.effectiveInput(input, context);
        JsonNode items = items(effective, context);
        ObjectNode started = Json.object();
        started.put("length", items.size());
        context.event("MapStateStarted", started);
        long startedId = context.flow.lastEventId();
        List<Callable<JsonNode>> work = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            JsonNode itemInput = itemInput(effective, index, items.get(index), context);
            work.add(() -> iterate(index, itemInput, context, startedId));
        }
        List<JsonNode> outputs;
        try {
            outputs = Branches.runAll(work, maxConcurrency == 0 ? UNLIMITED_CONCURRENCY : maxConcurrency, context.run);
        } catch (AslError error) {
            context.event("MapStateFailed", StateEvents.error(error.error(), error.cause()));
            throw error;
        }
        context.event("MapStateSucceeded", Json.object());
        ArrayNode result = Json.array();
        outputs.forEach(result::add);
        JsonNode selected = io.selectResult(result, context);
        return new Transition(next, io.output(input, selected, context), assign.evaluate(selected, context));
    }

    private JsonNode items(JsonNode effective, StateContext context) throws AslError {
        try {
            JsonNode items = JsonPath.parse(itemsPath).evaluate(context.roots(effective));
            if (!items.isArray()) {
                throw new AslError(AslError.RUNTIME, "Map state '" + name + "': ItemsPath '" + itemsPath + "' is not an array");
            }
            return items;
        } catch (JsonPathException e) {
            throw new AslError(AslError.RUNTIME, "Map state '" + name + "': " + e.getMessage());
        }
    }

    private JsonNode itemInput(JsonNode effective, int index, JsonNode value, StateContext context) throws AslError {
        if (io.parameters() == null) {
            return value;
        }
        ObjectNode item = Json.object();
        item.put("Index", index);
        item.set("Value", value);
        StateContext itemContext = context.withMapItem(item);
        return DataFlow.applyTemplate(io.parameters(), itemContext.roots(effective), itemContext);
    }

    private JsonNode iterate(int index, JsonNode itemInput, StateContext context, long startedId) throws AslError {
        Flow flow = new Flow(startedId);
        ObjectNode details = Json.object();
        details.put("name", name);
        details.put("index", index);
        context.run.history.add(flow, "MapIterationStarted", details);
        try {
            JsonNode output = processor.run(itemInput, context.run, flow, context.variables.inner());
            context.run.history.add(flow, "MapIterationSucceeded", details);
            return output;
        } catch (AslError error) {
            context.run.history.add(flow, "MapIterationFailed", details);
            throw error;
        }
    }
}
