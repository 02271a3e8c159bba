package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A StartAt and its States: the machine itself, a Parallel branch or a Map item processor. */
record Scope(String startAt, Map<String, State> states) {

    static Scope of(JsonNode node) {
        Map<String, State> states = new LinkedHashMap<>();
        node.get("States").properties().forEach(entry -> states.put(entry.getKey(), build(entry.getKey(), entry.getValue())));
        return new Scope(node.get("StartAt").asString(), states);
    }

    private static State build(String name, JsonNode node) {
        return switch (node.get("Type").asString()) {
            case "Task" -> TaskState.of(name, node);
            case "Pass" -> PassState.of(name, node);
            case "Wait" -> WaitState.of(name, node);
            case "Choice" -> ChoiceState.of(name, node);
            case "Succeed" -> SucceedState.of(name, node);
            case "Fail" -> FailState.of(name, node);
            case "Parallel" -> ParallelState.of(name, node);
            case "Map" -> MapState.of(name, node);
            default -> throw new IllegalArgumentException("unknown state type in " + name);
        };
    }

    /** The payload quota of Step Functions: a state's output may be at most 256 KiB of UTF-8. */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private static void checkSize(String state, JsonNode output) throws AslError {
        int size = Json.write(output).getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD_BYTES) {
            throw new AslError(AslError.DATA_LIMIT_EXCEEDED, "The state/task '" + state + "' returned a result with a size of "
                    + size + " bytes, exceeding the maximum of " + MAX_PAYLOAD_BYTES + " bytes");
        }
    }

    /** Runs the scope from StartAt to its end, with its own variables, and returns the last state's output. */
    JsonNode run(JsonNode input, Run run, Flow flow, Variables variables) throws AslError {
        String current = startAt;
        JsonNode data = input;
        while (true) {
            run.checkRunning();
            State state = states.get(current);
            StateContext context = new StateContext(run, flow, current, variables);
            context.event(state.type() + "StateEntered", StateEvents.entered(current, data));
            Transition transition = state.execute(data, context);
            checkSize(current, transition.output());
            variables.assign(current, transition.assigned());
            context.event(state.type() + "StateExited", StateEvents.exited(current, transition.output()));
            if (transition.ends()) {
                return transition.output();
            }
            current = transition.next();
            data = transition.output();
        }
    }
}
