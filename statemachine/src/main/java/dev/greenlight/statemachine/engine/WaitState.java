package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.JsonPathException;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A Wait state: Seconds, SecondsPath, Timestamp or TimestampPath, timed by the engine's timer. */
record WaitState(String name, String next, DataFlow io, Assignment assign, JsonNode seconds, String secondsPath,
                 String timestamp, String timestampPath) implements State {

    static WaitState of(String name, JsonNode node) {
        return new WaitState(name, node.path("Next").asString(null), DataFlow.of(node, "Parameters"), Assignment.of(node),
                node.get("Seconds"), node.path("SecondsPath").asString(null),
                node.path("Timestamp").asString(null), node.path("TimestampPath").asString(null));
    }

    @Override
    public String type() {
        return "Wait";
    }

    @Override
    public Transition execute(JsonNode input, StateContext context) throws AslError {
        JsonNode effective = io.effectiveInput(input, context);
        context.run.sleepUntil(until(effective, context));
        return new Transition(next, io.outputOfEffective(effective, context), assign.evaluate(effective, context));
    }

    private Instant until(JsonNode effective, StateContext context) throws AslError {
        if (seconds != null) {
            return context.enteredTime.plusSeconds(seconds.asLong());
        }
        if (timestamp != null) {
            return parseTimestamp(timestamp);
        }
        String path = secondsPath != null ? secondsPath : timestampPath;
        JsonNode value;
        try {
            value = JsonPath.parse(path).evaluate(context.roots(effective));
        } catch (JsonPathException e) {
            throw new AslError(AslError.RUNTIME, "Wait state '" + name + "': " + e.getMessage());
        }
        if (secondsPath != null) {
            if (!Json.isInteger(value) || value.asLong() < 0) {
                throw new AslError(AslError.RUNTIME, "Wait state '" + name + "': SecondsPath '" + path
                        + "' must point to a non-negative integer, not " + value);
            }
            return context.enteredTime.plusSeconds(value.asLong());
        }
        if (!value.isString()) {
            throw new AslError(AslError.RUNTIME, "Wait state '" + name + "': TimestampPath '" + path + "' must point to a timestamp");
        }
        return parseTimestamp(value.stringValue());
    }

    private Instant parseTimestamp(String text) throws AslError {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new AslError(AslError.RUNTIME, "Wait state '" + name + "': '" + text + "' is not an ISO-8601 timestamp");
        }
    }
}
