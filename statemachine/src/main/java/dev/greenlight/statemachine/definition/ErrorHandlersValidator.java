package dev.greenlight.statemachine.definition;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks Retry and Catch, and lists every transition a state can take. */
final class ErrorHandlersValidator {

    private final Problems problems;
    private final ValueRules values;
    private final VariableRules variables;
    private final DefinitionValidator definition;

    ErrorHandlersValidator(Problems problems, ValueRules values, VariableRules variables, DefinitionValidator definition) {
        this.problems = problems;
        this.values = values;
        this.variables = variables;
        this.definition = definition;
    }

    void validate(String where, JsonNode state, JsonNode siblings) {
        if (state.has("Retry")) {
            handlers(where + "/Retry", state.get("Retry"), false, siblings);
        }
        if (state.has("Catch")) {
            handlers(where + "/Catch", state.get("Catch"), true, siblings);
        }
    }

    private void handlers(String where, JsonNode list, boolean catchers, JsonNode siblings) {
        if (!list.isArray()) {
            problems.add(where, "must be an array");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = where + "/" + i;
            JsonNode handler = list.get(i);
            if (!handler.isObject()) {
                problems.add(at, "must be an object");
                continue;
            }
            values.unknownFields(at, handler, catchers ? FieldRules.CATCHER : FieldRules.RETRIER);
            errorEquals(at, handler.get("ErrorEquals"), i == list.size() - 1);
            if (catchers) {
                definition.transition(at + "/Next", handler.get("Next"), siblings);
                if (handler.has("ResultPath") && !handler.get("ResultPath").isNull()) {
                    values.resultPath(at + "/ResultPath", handler.get("ResultPath"));
                }
                if (handler.has("Assign")) {
                    variables.assign(at + "/Assign", handler.get("Assign"), values);
                }
            } else {
                retrier(at, handler);
            }
        }
    }

    private void errorEquals(String where, JsonNode errors, boolean last) {
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            problems.add(where + "/ErrorEquals", "is required and must list at least one error name");
            return;
        }
        boolean hasAll = false;
        for (JsonNode error : errors) {
            if (!error.isString()) {
                problems.add(where + "/ErrorEquals", "error names must be strings");
            } else if (error.stringValue().equals("States.ALL")) {
                hasAll = true;
            }
        }
        if (hasAll && errors.size() > 1) {
            problems.add(where + "/ErrorEquals", "States.ALL must appear alone");
        }
        if (hasAll && !last) {
            problems.add(where + "/ErrorEquals", "States.ALL must be in the last retrier or catcher");
        }
    }

    private void retrier(String where, JsonNode retrier) {
        if (retrier.has("IntervalSeconds")) {
            values.positiveInteger(where + "/IntervalSeconds", retrier.get("IntervalSeconds"));
        }
        if (retrier.has("MaxDelaySeconds")) {
            values.positiveInteger(where + "/MaxDelaySeconds", retrier.get("MaxDelaySeconds"));
        }
        if (retrier.has("MaxAttempts")) {
            values.nonNegativeInteger(where + "/MaxAttempts", retrier.get("MaxAttempts"));
        }
        JsonNode backoff = retrier.get("BackoffRate");
        if (backoff != null && !(backoff.isNumber() && backoff.asDouble() >= 1.0)) {
            problems.add(where + "/BackoffRate", "must be a number greater than or equal to 1.0");
        }
        JsonNode jitter = retrier.get("JitterStrategy");
        if (jitter != null && !Set.of("FULL", "NONE").contains(jitter.asString(""))) {
            problems.add(where + "/JitterStrategy", "must be FULL or NONE");
        }
    }

    /** The names a state can move to: Next, Default, each Choice's Next and each Catch's Next. */
    static List<String> transitionsOf(JsonNode state) {
        List<String> targets = new ArrayList<>();
        addName(targets, state.get("Next"));
        addName(targets, state.get("Default"));
        for (JsonNode rule : state.path("Choices")) {
            addName(targets, rule.get("Next"));
        }
        for (JsonNode catcher : state.path("Catch")) {
            addName(targets, catcher.get("Next"));
        }
        return targets;
    }

    private static void addName(List<String> targets, JsonNode name) {
        if (name != null && name.isString()) {
            targets.add(name.stringValue());
        }
    }
}
