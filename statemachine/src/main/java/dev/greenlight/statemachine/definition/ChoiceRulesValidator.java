package dev.greenlight.statemachine.definition;

import tools.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks a Choice state's rules: one operator each, operand types, Next and Assign on top-level rules only. */
final class ChoiceRulesValidator {

    static final Set<String> STRING_OPS = Set.of("StringEquals", "StringLessThan", "StringGreaterThan",
            "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches");
    static final Set<String> NUMERIC_OPS = Set.of("NumericEquals", "NumericLessThan", "NumericGreaterThan",
            "NumericLessThanEquals", "NumericGreaterThanEquals");
    static final Set<String> BOOLEAN_OPS = Set.of("BooleanEquals");
    static final Set<String> TIMESTAMP_OPS = Set.of("TimestampEquals", "TimestampLessThan", "TimestampGreaterThan",
            "TimestampLessThanEquals", "TimestampGreaterThanEquals");
    static final Set<String> TYPE_TESTS = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    private final Problems problems;
    private final ValueRules values;
    private final VariableRules variables;

    ChoiceRulesValidator(Problems problems, ValueRules values, VariableRules variables) {
        this.problems = problems;
        this.values = values;
        this.variables = variables;
    }

    /** True for every comparison operator name and its Path variant (there is no StringMatchesPath). */
    static boolean isComparison(String field) {
        if (TYPE_TESTS.contains(field)) {
            return true;
        }
        boolean pathVariant = field.endsWith("Path");
        String base = pathVariant ? field.substring(0, field.length() - 4) : field;
        if (pathVariant && base.equals("StringMatches")) {
            return false;
        }
        return STRING_OPS.contains(base) || NUMERIC_OPS.contains(base) || BOOLEAN_OPS.contains(base)
                || TIMESTAMP_OPS.contains(base);
    }

    void choice(String where, JsonNode state, JsonNode siblings) {
        JsonNode choices = state.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            problems.add(where + "/Choices", "is required and must hold at least one rule");
        } else {
            for (int i = 0; i < choices.size(); i++) {
                rule(where + "/Choices/" + i, choices.get(i), true, siblings);
            }
        }
        if (state.has("Default")) {
            JsonNode target = state.get("Default");
            if (!target.isString() || !siblings.has(target.stringValue())) {
                problems.add(where + "/Default", "state '" + target.asString() + "' does not exist in this scope");
            }
        }
    }

    private void rule(String where, JsonNode rule, boolean topLevel, JsonNode siblings) {
        if (!rule.isObject()) {
            problems.add(where, "a Choice rule must be an object");
            return;
        }
        if (topLevel) {
            JsonNode next = rule.get("Next");
            if (next == null || !next.isString() || !siblings.has(next.stringValue())) {
                problems.add(where + "/Next", next == null ? "is required on a top-level Choice rule"
                        : "state '" + next.asString() + "' does not exist in this scope");
            }
        } else if (rule.has("Next")) {
            problems.add(where + "/Next", "is only allowed on top-level Choice rules");
        }
        if (rule.has("Assign")) {
            if (topLevel) {
                variables.assign(where + "/Assign", rule.get("Assign"), values);
            } else {
                problems.add(where + "/Assign", "is only allowed on a state, a top-level Choice rule or a catcher");
            }
        }
        List<String> operators = new ArrayList<>();
        for (String field : rule.propertyNames()) {
            if (isComparison(field) || Set.of("And", "Or", "Not").contains(field)) {
                operators.add(field);
            } else if (!Set.of("Variable", "Next", "Comment", "Assign").contains(field)) {
                problems.add(where + "/" + field, "is not a Choice rule field");
            }
        }
        if (operators.size() != 1) {
            problems.add(where, "must have exactly one comparison operator or And, Or, Not (found " + operators + ")");
            return;
        }
        String operator = operators.get(0);
        switch (operator) {
            case "And", "Or" -> compound(where + "/" + operator, rule.get(operator), siblings);
            case "Not" -> rule(where + "/Not", rule.get("Not"), false, siblings);
            default -> comparison(where, rule, operator);
        }
        if (Set.of("And", "Or", "Not").contains(operator) && rule.has("Variable")) {
            problems.add(where + "/Variable", "is not allowed with " + operator);
        }
    }

    private void compound(String where, JsonNode rules, JsonNode siblings) {
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            problems.add(where, "must be a non-empty array of rules");
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            rule(where + "/" + i, rules.get(i), false, siblings);
        }
    }

    private void comparison(String where, JsonNode rule, String operator) {
        JsonNode variable = rule.get("Variable");
        if (variable == null) {
            problems.add(where + "/Variable", "is required with " + operator);
        } else {
            values.referencePath(where + "/Variable", variable);
        }
        JsonNode value = rule.get(operator);
        String at = where + "/" + operator;
        if (operator.endsWith("Path")) {
            values.referencePath(at, value);
        } else if (TYPE_TESTS.contains(operator) || BOOLEAN_OPS.contains(operator)) {
            expect(at, value.isBoolean(), "must be true or false");
        } else if (NUMERIC_OPS.contains(operator)) {
            expect(at, value.isNumber(), "must be a number");
        } else if (TIMESTAMP_OPS.contains(operator)) {
            expect(at, value.isString() && isTimestamp(value.stringValue()), "must be an ISO-8601 timestamp");
        } else {
            expect(at, value.isString(), "must be a string");
        }
    }

    static boolean isTimestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return text.contains("T");
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void expect(String where, boolean ok, String what) {
        if (!ok) {
            problems.add(where, what);
        }
    }
}
