package dev.greenlight.statemachine.definition;

import dev.greenlight.statemachine.json.IntrinsicCall;
import dev.greenlight.statemachine.json.IntrinsicException;
import dev.greenlight.statemachine.json.Intrinsics;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.JsonPathException;
import tools.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole definition against the Amazon States Language and reports every problem at once:
 * unknown fields, missing Next or End, transitions to states that do not exist, unreachable states,
 * bad paths, bad retriers and catchers, bad Choice rules.
 */
public final class DefinitionValidator {

    private final Problems problems = new Problems();
    private final Map<String, String> stateNames = new HashMap<>();

    /** Every problem in the definition; empty when it is valid. */
    public static List<String> validate(JsonNode definition) {
        DefinitionValidator validator = new DefinitionValidator();
        validator.topLevel(definition);
        return validator.problems.all();
    }

    private void topLevel(JsonNode definition) {
        if (!definition.isObject()) {
            problems.add("/", "a definition must be a JSON object");
            return;
        }
        unknownFields("/", definition, FieldRules.TOP_LEVEL);
        if (definition.has("QueryLanguage") && !"JSONPath".equals(definition.get("QueryLanguage").asString())) {
            problems.add("/QueryLanguage", "only JSONPath is supported");
        }
        if (definition.has("TimeoutSeconds")) {
            positiveInteger("/TimeoutSeconds", definition.get("TimeoutSeconds"));
        }
        scope("", definition);
    }

    /** A set of states with its StartAt: the machine itself, a Parallel branch or a Map processor. */
    private void scope(String where, JsonNode scope) {
        JsonNode startAt = scope.get("StartAt");
        JsonNode states = scope.get("States");
        if (startAt == null || !startAt.isString()) {
            problems.add(where + "/StartAt", "is required and must be a state name");
        }
        if (states == null || !states.isObject() || states.isEmpty()) {
            problems.add(where + "/States", "is required and must name at least one state");
            return;
        }
        if (startAt != null && startAt.isString() && !states.has(startAt.stringValue())) {
            problems.add(where + "/StartAt", "state '" + startAt.stringValue() + "' does not exist");
        }
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            state(where + "/States/" + entry.getKey(), entry.getKey(), entry.getValue(), states);
        }
        if (startAt != null && startAt.isString()) {
            unreachable(where, startAt.stringValue(), states);
        }
    }

    private void state(String where, String name, JsonNode state, JsonNode siblings) {
        if (name.length() > 80) {
            problems.add(where, "a state name must be at most 80 characters");
        }
        String previous = stateNames.putIfAbsent(name, where);
        if (previous != null) {
            problems.add(where, "state name '" + name + "' is also used at " + previous + "; names must be unique");
        }
        if (!state.isObject()) {
            problems.add(where, "a state must be a JSON object");
            return;
        }
        String type = state.path("Type").asString("");
        if (!FieldRules.isKnownType(type)) {
            problems.add(where + "/Type", "must be one of Task, Pass, Wait, Choice, Succeed, Fail, Parallel, Map");
            return;
        }
        for (String field : state.propertyNames()) {
            if (!FieldRules.allowed(type, field)) {
                problems.add(where + "/" + field, "is not a field of a " + type + " state");
            }
        }
        if (FieldRules.needsNextOrEnd(type)) {
            nextOrEnd(where, state, siblings);
        }
        ioPaths(where, state);
        switch (type) {
            case "Task" -> task(where, state);
            case "Wait" -> waitState(where, state);
            case "Choice" -> new ChoiceRulesValidator(problems, this::referencePath).choice(where, state, siblings);
            case "Fail" -> fail(where, state);
            case "Parallel" -> parallel(where, state);
            case "Map" -> map(where, state);
            default -> {
            }
        }
        errorHandling(where, state, siblings);
    }

    private void nextOrEnd(String where, JsonNode state, JsonNode siblings) {
        boolean hasNext = state.has("Next");
        boolean ends = state.path("End").asBoolean(false);
        if (state.has("End") && !state.get("End").isBoolean()) {
            problems.add(where + "/End", "must be true or false");
        }
        if (hasNext == ends) {
            problems.add(where, hasNext ? "must not have both Next and End" : "must have Next or End: true");
        }
        if (hasNext) {
            transition(where + "/Next", state.get("Next"), siblings);
        }
    }

    void transition(String where, JsonNode next, JsonNode siblings) {
        if (next == null || !next.isString()) {
            problems.add(where, "must be the name of a state");
        } else if (!siblings.has(next.stringValue())) {
            problems.add(where, "state '" + next.stringValue() + "' does not exist in this scope");
        }
    }

    private void ioPaths(String where, JsonNode state) {
        for (String field : List.of("InputPath", "OutputPath")) {
            JsonNode value = state.get(field);
            if (value != null && !value.isNull()) {
                path(where + "/" + field, value, false);
            }
        }
        JsonNode resultPath = state.get("ResultPath");
        if (resultPath != null && !resultPath.isNull()) {
            resultPath(where + "/ResultPath", resultPath);
        }
        for (String field : List.of("Parameters", "ResultSelector", "ItemSelector")) {
            if (state.has(field)) {
                template(where + "/" + field, state.get(field), !field.equals("Parameters"));
            }
        }
    }

    private void task(String where, JsonNode state) {
        JsonNode resource = state.get("Resource");
        if (resource == null || !resource.isString()) {
            problems.add(where + "/Resource", "is required and must be an ARN");
        } else if (!resource.stringValue().startsWith("arn:")) {
            problems.add(where + "/Resource", "'" + resource.stringValue() + "' is not an ARN"
                    + (resource.stringValue().contains("${") ? " (a placeholder that was not filled)" : ""));
        }
        onlyOne(where, state, "TimeoutSeconds", "TimeoutSecondsPath");
        onlyOne(where, state, "HeartbeatSeconds", "HeartbeatSecondsPath");
        for (String field : List.of("TimeoutSeconds", "HeartbeatSeconds")) {
            if (state.has(field)) {
                positiveInteger(where + "/" + field, state.get(field));
            }
        }
        for (String field : List.of("TimeoutSecondsPath", "HeartbeatSecondsPath")) {
            if (state.has(field)) {
                referencePath(where + "/" + field, state.get(field));
            }
        }
        if (state.path("HeartbeatSeconds").isNumber() && state.path("TimeoutSeconds").isNumber()
                && state.get("HeartbeatSeconds").asLong() >= state.get("TimeoutSeconds").asLong()) {
            problems.add(where + "/HeartbeatSeconds", "must be smaller than TimeoutSeconds");
        }
    }

    private void waitState(String where, JsonNode state) {
        int count = 0;
        for (String field : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
            count += state.has(field) ? 1 : 0;
        }
        if (count != 1) {
            problems.add(where, "must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        if (state.has("Seconds") && !(Json.isInteger(state.get("Seconds")) && state.get("Seconds").asLong() >= 0)) {
            problems.add(where + "/Seconds", "must be a non-negative integer");
        }
        if (state.has("Timestamp")) {
            timestamp(where + "/Timestamp", state.get("Timestamp"));
        }
        for (String field : List.of("SecondsPath", "TimestampPath")) {
            if (state.has(field)) {
                referencePath(where + "/" + field, state.get(field));
            }
        }
    }

    private void fail(String where, JsonNode state) {
        onlyOne(where, state, "Error", "ErrorPath");
        onlyOne(where, state, "Cause", "CausePath");
        for (String field : List.of("ErrorPath", "CausePath")) {
            JsonNode value = state.get(field);
            if (value != null && !(value.isString() && IntrinsicCall.looksLikeCall(value.stringValue()))) {
                referencePath(where + "/" + field, value);
            }
        }
    }

    private void parallel(String where, JsonNode state) {
        JsonNode branches = state.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            problems.add(where + "/Branches", "is required and must list at least one branch");
            return;
        }
        for (int i = 0; i < branches.size(); i++) {
            nestedScope(where + "/Branches/" + i, branches.get(i));
        }
    }

    private void map(String where, JsonNode state) {
        onlyOne(where, state, "Iterator", "ItemProcessor");
        onlyOne(where, state, "Parameters", "ItemSelector");
        JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        String field = state.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (processor == null) {
            problems.add(where, "must have an ItemProcessor (or Iterator)");
        } else {
            String mode = processor.path("ProcessorConfig").path("Mode").asString("INLINE");
            if (!mode.equals("INLINE")) {
                problems.add(where + "/" + field + "/ProcessorConfig/Mode", "only INLINE is supported");
            }
            nestedScope(where + "/" + field, processor);
        }
        if (state.has("ItemsPath")) {
            referencePath(where + "/ItemsPath", state.get("ItemsPath"));
        }
        if (state.has("MaxConcurrency") && !(Json.isInteger(state.get("MaxConcurrency")) && state.get("MaxConcurrency").asLong() >= 0)) {
            problems.add(where + "/MaxConcurrency", "must be a non-negative integer");
        }
    }

    private void nestedScope(String where, JsonNode scope) {
        if (!scope.isObject()) {
            problems.add(where, "must be an object with StartAt and States");
            return;
        }
        unknownFields(where, scope, FieldRules.SCOPE);
        scope(where, scope);
    }

    private void errorHandling(String where, JsonNode state, JsonNode siblings) {
        new ErrorHandlersValidator(problems, this).validate(where, state, siblings);
    }

    private void unreachable(String where, String startAt, JsonNode states) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(startAt));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            JsonNode state = states.get(name);
            if (state == null || !seen.add(name)) {
                continue;
            }
            for (String target : ErrorHandlersValidator.transitionsOf(state)) {
                todo.push(target);
            }
        }
        for (String name : states.propertyNames()) {
            if (!seen.contains(name)) {
                problems.add(where + "/States/" + name, "is unreachable from StartAt '" + startAt + "'");
            }
        }
    }

    void unknownFields(String where, JsonNode object, Set<String> allowed) {
        for (String field : object.propertyNames()) {
            if (!allowed.contains(field)) {
                problems.add(where + (where.endsWith("/") ? "" : "/") + field, "is not a known field here");
            }
        }
    }

    private void onlyOne(String where, JsonNode state, String a, String b) {
        if (state.has(a) && state.has(b)) {
            problems.add(where, "must not have both " + a + " and " + b);
        }
    }

    void positiveInteger(String where, JsonNode value) {
        if (!Json.isInteger(value) || value.asLong() <= 0) {
            problems.add(where, "must be a positive integer");
        }
    }

    private void timestamp(String where, JsonNode value) {
        try {
            OffsetDateTime.parse(value.asString());
        } catch (DateTimeParseException e) {
            problems.add(where, "must be an ISO-8601 timestamp such as 2016-03-14T01:59:00Z");
        }
    }

    private void path(String where, JsonNode value, boolean reference) {
        if (!value.isString()) {
            problems.add(where, "must be a path string");
            return;
        }
        try {
            JsonPath path = JsonPath.parse(value.stringValue());
            if (reference && !path.isReferencePath()) {
                problems.add(where, "must be a Reference Path (names and single indexes only)");
            }
        } catch (JsonPathException e) {
            problems.add(where, e.getMessage());
        }
    }

    void referencePath(String where, JsonNode value) {
        path(where, value, true);
    }

    void resultPath(String where, JsonNode value) {
        path(where, value, true);
        if (value.isString() && value.stringValue().startsWith("$$")) {
            problems.add(where, "must point into the state's data ($), not the context object");
        }
    }

    private void template(String where, JsonNode template, boolean mustBeObject) {
        if (mustBeObject && !template.isObject()) {
            problems.add(where, "must be a JSON object");
        }
        if (template.isObject()) {
            for (Map.Entry<String, JsonNode> field : template.properties()) {
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    dynamicField(where + "/" + key, field.getValue());
                } else {
                    template(where + "/" + key, field.getValue(), false);
                }
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                template(where + "/" + i, template.get(i), false);
            }
        }
    }

    private void dynamicField(String where, JsonNode value) {
        if (!value.isString()) {
            problems.add(where, "a field ending in .$ must hold a path or an intrinsic function");
            return;
        }
        String text = value.stringValue();
        if (!IntrinsicCall.looksLikeCall(text)) {
            path(where, value, false);
            return;
        }
        try {
            intrinsicNames(IntrinsicCall.parse(text), where);
        } catch (IntrinsicException e) {
            problems.add(where, e.getMessage());
        }
    }

    private void intrinsicNames(IntrinsicCall call, String where) {
        if (!Intrinsics.isKnown(call.name())) {
            problems.add(where, "unknown intrinsic function " + call.name());
        }
        for (IntrinsicCall.Argument argument : call.arguments()) {
            if (argument instanceof IntrinsicCall.Nested nested) {
                intrinsicNames(nested.call(), where);
            }
        }
    }
}
