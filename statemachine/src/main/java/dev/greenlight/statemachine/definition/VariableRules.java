package dev.greenlight.statemachine.definition;

import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.VariableName;
import tools.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Workflow variables: the Assign fields (an object of variable names, {@code .$} for a path or an intrinsic
 * function) and every {@code $name} reference, which must name a variable that its scope, or a scope around
 * it, assigns somewhere. A Parallel branch and a Map processor are scopes of their own.
 */
final class VariableRules {

    private static final int MAX_NAME_LENGTH = 80;

    /** A {@code $name} path and the scopes it can see, innermost first. */
    private record Reference(String where, String name, List<String> scopes) {
    }

    private final Problems problems;
    private final Deque<String> scopes = new ArrayDeque<>();
    private final Map<String, Set<String>> assignedByScope = new HashMap<>();
    private final List<Reference> references = new ArrayList<>();

    VariableRules(Problems problems) {
        this.problems = problems;
    }

    void enterScope(String where) {
        scopes.push(where);
        assignedByScope.put(where, new HashSet<>());
    }

    void leaveScope() {
        scopes.pop();
    }

    /** Checks an Assign field; its values are checked as payload templates by {@code values}. */
    void assign(String where, JsonNode assign, ValueRules values) {
        if (!assign.isObject()) {
            problems.add(where, "must be a JSON object");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : assign.properties()) {
            String key = field.getKey();
            String name = key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            String at = where + "/" + key;
            if (!seen.add(name)) {
                problems.add(at, "assigns '" + name + "' a second time");
            }
            name(at, name);
            assignedByScope.get(scopes.peek()).add(name);
            values.templateField(at, field.getValue(), key.endsWith(".$"));
        }
    }

    private void name(String where, String name) {
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            problems.add(where, "a variable name must be at most " + MAX_NAME_LENGTH + " characters");
        } else if (name.equals("states")) {
            problems.add(where, "'states' is reserved");
        } else if (!VariableName.isValid(name)) {
            problems.add(where, "a variable name must start with a Unicode letter and go on with letters, digits or connectors");
        }
    }

    /** Notes a path that may read a variable; checked once every scope is known. */
    void referenced(String where, JsonPath path) {
        if (path.root() == JsonPath.Root.VARIABLE) {
            references.add(new Reference(where, path.variable(), List.copyOf(scopes)));
        }
    }

    void checkReferences() {
        for (Reference reference : references) {
            boolean assigned = reference.scopes().stream()
                    .anyMatch(scope -> assignedByScope.get(scope).contains(reference.name()));
            if (!assigned) {
                problems.add(reference.where(), "variable '" + reference.name()
                        + "' is not assigned in this scope or an enclosing one");
            }
        }
    }
}
