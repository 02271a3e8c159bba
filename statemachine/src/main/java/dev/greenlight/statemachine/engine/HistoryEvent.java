package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event of an execution's history, as GetExecutionHistory returns it.
 *
 * @param id              1, 2, 3, ... in the order the events happened
 * @param previousEventId the event this one follows in its flow (0 for the first)
 * @param type            e.g. ExecutionStarted, TaskStateEntered, LambdaFunctionSucceeded
 * @param details         the event's details object, e.g. {@code {"name": ..., "input": ...}}
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, JsonNode details) {

    /** The name of the details field in the AWS API, e.g. stateEnteredEventDetails. */
    public String detailsField() {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }

    /** The state name of a StateEntered or StateExited event, otherwise null. */
    public String stateName() {
        return details.has("name") && type.contains("State") ? details.get("name").asString() : null;
    }
}
