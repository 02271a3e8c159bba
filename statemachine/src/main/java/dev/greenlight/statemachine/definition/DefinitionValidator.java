package dev.greenlight.statemachine.definition;

import tools.jackson.databind.JsonNode;

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
 * bad paths, bad retriers and catchers, bad Choice rules. Each problem names where it is, as a
 * JSON-pointer-like location such as {@code /States/Deploy green/Next}.
 */
public final class DefinitionValidator {

    private final Problems problems = new Problems();
    private final VariableRules variables = new VariableRules(problems);
    private final ValueRules values = new ValueRules(problems, variables);
    private final TypeRules types = new TypeRules(problems, values);
    private final Map<String, String> stateNames = new HashMap<>();

    private DefinitionValidator() {
    }

    /** Every problem in the definition; empty when it is valid. */
    public static List<String> validate(JsonNode definition) {
        DefinitionValidator validator = new DefinitionValidator();
        validator.topLevel(definition);
        validator.variables.checkReferences();
        return validator.problems.all();
    }

    private void topLevel(JsonNode definition) {
        if (!definition.isObject()) {
            problems.add("/", "a definition must be a JSON object");
            return;
        }
        values.unknownFields("/", definition, FieldRules.TOP_LEVEL);
        if (definition.has("QueryLanguage") && !"JSONPath".equals(definition.get("QueryLanguage").asString())) {
            problems.add("/QueryLanguage", "only JSONPath is supported");
        }
        if (definition.has("TimeoutSeconds")) {
            values.positiveInteger("/TimeoutSeconds", definition.get("TimeoutSeconds"));
        }
        scope("", definition);
    }

    /** A set of states with its StartAt: the machine itself, a Parallel branch or a Map processor. */
    private void scope(String where, JsonNode scope) {
        JsonNode startAt = scope.get("StartAt");
        JsonNode states = scope.get("States");
        boolean hasStart = startAt != null && startAt.isString();
        if (!hasStart) {
            problems.add(where + "/StartAt", "is required and must be a state name");
        }
        if (states == null || !states.isObject() || states.isEmpty()) {
            problems.add(where + "/States", "is required and must name at least one state");
            return;
        }
        if (hasStart && !states.has(startAt.stringValue())) {
            problems.add(where + "/StartAt", "state '" + startAt.stringValue() + "' does not exist");
        }
        variables.enterScope(where);
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            state(where + "/States/" + entry.getKey(), entry.getKey(), entry.getValue(), states);
        }
        variables.leaveScope();
        if (hasStart) {
            unreachable(where, startAt.stringValue(), states);
        }
    }

    private void state(String where, String name, JsonNode state, JsonNode siblings) {
        uniqueName(where, name);
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
        dataFlow(where, state);
        if (state.has("Assign") && FieldRules.allowed(type, "Assign")) {
            variables.assign(where + "/Assign", state.get("Assign"), values);
        }
        switch (type) {
            case "Task" -> types.task(where, state);
            case "Wait" -> types.waitState(where, state);
            case "Fail" -> types.fail(where, state);
            case "Choice" -> new ChoiceRulesValidator(problems, values, variables).choice(where, state, siblings);
            case "Parallel" -> parallel(where, state);
            case "Map" -> map(where, state);
            default -> {
            }
        }
        new ErrorHandlersValidator(problems, values, variables, this).validate(where, state, siblings);
    }

    private void uniqueName(String where, String name) {
        if (name.length() > 80) {
            problems.add(where, "a state name must be at most 80 characters");
        }
        String previous = stateNames.putIfAbsent(name, where);
        if (previous != null) {
            problems.add(where, "state name '" + name + "' is also used at " + previous + "; names must be unique");
        }
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

    /** A transition must name a state of the same scope: no jumping into or out of branches. */
    void transition(String where, JsonNode next, JsonNode siblings) {
        if (next == null || !next.isString()) {
            problems.add(where, "must be the name of a state");
        } else if (!siblings.has(next.stringValue())) {
            problems.add(where, "state '" + next.stringValue() + "' does not exist in this scope");
        }
    }

    private void dataFlow(String where, JsonNode state) {
        for (String field : List.of("InputPath", "OutputPath")) {
            JsonNode value = state.get(field);
            if (value != null && !value.isNull()) {
                values.path(where + "/" + field, value);
            }
        }
        JsonNode resultPath = state.get("ResultPath");
        if (resultPath != null && !resultPath.isNull()) {
            values.resultPath(where + "/ResultPath", resultPath);
        }
        for (String field : List.of("Parameters", "ResultSelector", "ItemSelector")) {
            if (state.has(field)) {
                values.template(where + "/" + field, state.get(field), !field.equals("Parameters"));
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
        values.onlyOne(where, state, "Iterator", "ItemProcessor");
        values.onlyOne(where, state, "Parameters", "ItemSelector");
        String field = state.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        JsonNode processor = state.get(field);
        if (processor == null) {
            problems.add(where, "must have an ItemProcessor (or Iterator)");
        } else {
            if (!processor.path("ProcessorConfig").path("Mode").asString("INLINE").equals("INLINE")) {
                problems.add(where + "/" + field + "/ProcessorConfig/Mode", "only INLINE is supported");
            }
            nestedScope(where + "/" + field, processor);
        }
        if (state.has("ItemsPath")) {
            values.referencePath(where + "/ItemsPath", state.get("ItemsPath"));
        }
        if (state.has("MaxConcurrency")) {
            values.nonNegativeInteger(where + "/MaxConcurrency", state.get("MaxConcurrency"));
        }
    }

    private void nestedScope(String where, JsonNode scope) {
        if (!scope.isObject()) {
            problems.add(where, "must be an object with StartAt and States");
            return;
        }
        values.unknownFields(where, scope, FieldRules.SCOPE);
        scope(where, scope);
    }

    private void unreachable(String where, String startAt, JsonNode states) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(startAt));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            JsonNode state = states.get(name);
            if (state != null && seen.add(name)) {
                ErrorHandlersValidator.transitionsOf(state).forEach(todo::push);
            }
        }
        for (String name : states.propertyNames()) {
            if (!seen.contains(name)) {
                problems.add(where + "/States/" + name, "is unreachable from StartAt '" + startAt + "'");
            }
        }
    }
}
