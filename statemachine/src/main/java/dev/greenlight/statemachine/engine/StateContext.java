package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.json.PathRoots;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One entry into one state: its name, when it was entered, its retry count, its variables, and the history flow. */
final class StateContext {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    final Run run;
    final Flow flow;
    final String stateName;
    final Instant enteredTime;
    final Variables variables;
    private final JsonNode variablesOnEntry;
    private final JsonNode mapItem;
    private int retryCount;

    StateContext(Run run, Flow flow, String stateName, Variables variables) {
        this(run, flow, stateName, variables, variables.visible(), null);
    }

    private StateContext(Run run, Flow flow, String stateName, Variables variables, JsonNode variablesOnEntry,
                         JsonNode mapItem) {
        this.run = run;
        this.flow = flow;
        this.stateName = stateName;
        this.enteredTime = run.timer.now();
        this.variables = variables;
        this.variablesOnEntry = variablesOnEntry;
        this.mapItem = mapItem;
    }

    int retryCount() {
        return retryCount;
    }

    void setRetryCount(int retryCount) {
        this.retryCount = retryCount;
    }

    /** A copy of this context for a Map iteration's ItemSelector, with $$.Map.Item set. */
    StateContext withMapItem(JsonNode item) {
        return new StateContext(run, flow, stateName, variables, variablesOnEntry, item);
    }

    /** What paths in this state start from: {@code data}, the context object, and the variables as on entry. */
    PathRoots roots(JsonNode data) {
        return new PathRoots(data, contextObject(), variablesOnEntry);
    }

    void event(String type, JsonNode details) {
        run.history.add(flow, type, details);
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** The context object, {@code $$}, as AWS provides it. */
    private JsonNode contextObject() {
        ObjectNode context = Json.object();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", run.executionArn);
        execution.set("Input", run.input);
        execution.put("Name", run.executionName);
        execution.put("RoleArn", run.roleArn);
        execution.put("StartTime", timestamp(run.startTime));
        execution.put("RedriveCount", 0);
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", timestamp(enteredTime));
        state.put("Name", stateName);
        state.put("RetryCount", retryCount);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", run.stateMachineArn);
        machine.put("Name", run.stateMachineName);
        if (mapItem != null) {
            context.putObject("Map").set("Item", mapItem);
        }
        return context;
    }
}
