package dev.greenlight.statemachine.definition;

import dev.greenlight.statemachine.json.IntrinsicCall;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** The checks that belong to one state type: Task, Wait and Fail (Choice has its own class). */
final class TypeRules {

    private final Problems problems;
    private final ValueRules values;

    TypeRules(Problems problems, ValueRules values) {
        this.problems = problems;
        this.values = values;
    }

    void task(String where, JsonNode state) {
        JsonNode resource = state.get("Resource");
        if (resource == null || !resource.isString()) {
            problems.add(where + "/Resource", "is required and must be an ARN");
        } else if (!resource.stringValue().startsWith("arn:")) {
            problems.add(where + "/Resource", "'" + resource.stringValue() + "' is not an ARN"
                    + (resource.stringValue().contains("${") ? " (a placeholder that was not filled)" : ""));
        }
        values.onlyOne(where, state, "TimeoutSeconds", "TimeoutSecondsPath");
        values.onlyOne(where, state, "HeartbeatSeconds", "HeartbeatSecondsPath");
        for (String field : List.of("TimeoutSeconds", "HeartbeatSeconds")) {
            if (state.has(field)) {
                values.positiveInteger(where + "/" + field, state.get(field));
            }
        }
        for (String field : List.of("TimeoutSecondsPath", "HeartbeatSecondsPath")) {
            if (state.has(field)) {
                values.referencePath(where + "/" + field, state.get(field));
            }
        }
        if (state.path("HeartbeatSeconds").isNumber() && state.path("TimeoutSeconds").isNumber()
                && state.get("HeartbeatSeconds").asLong() >= state.get("TimeoutSeconds").asLong()) {
            problems.add(where + "/HeartbeatSeconds", "must be smaller than TimeoutSeconds");
        }
    }

    void waitState(String where, JsonNode state) {
        List<String> ways = List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath");
        if (ways.stream().filter(state::has).count() != 1) {
            problems.add(where, "must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        if (state.has("Seconds")) {
            values.nonNegativeInteger(where + "/Seconds", state.get("Seconds"));
        }
        if (state.has("Timestamp")) {
            values.timestamp(where + "/Timestamp", state.get("Timestamp"));
        }
        for (String field : List.of("SecondsPath", "TimestampPath")) {
            if (state.has(field)) {
                values.referencePath(where + "/" + field, state.get(field));
            }
        }
    }

    void fail(String where, JsonNode state) {
        values.onlyOne(where, state, "Error", "ErrorPath");
        values.onlyOne(where, state, "Cause", "CausePath");
        for (String field : List.of("ErrorPath", "CausePath")) {
            JsonNode value = state.get(field);
            if (value != null && !(value.isString() && IntrinsicCall.looksLikeCall(value.stringValue()))) {
                values.referencePath(where + "/" + field, value);
            }
        }
    }
}
