package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.JsonPath;
import dev.greenlight.statemachine.json.JsonValues;
import dev.greenlight.statemachine.json.PathRoots;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A Choice rule: a comparison on a Variable, or And, Or, Not over nested rules. */
sealed interface ChoiceRule {

    boolean matches(PathRoots roots) throws AslError;

    static ChoiceRule of(JsonNode node) {
        if (node.has("And")) {
            return new All(list(node.get("And")));
        }
        if (node.has("Or")) {
            return new Any(list(node.get("Or")));
        }
        if (node.has("Not")) {
            return new Not(of(node.get("Not")));
        }
        for (String field : node.propertyNames()) {
            if (!field.equals("Variable") && !field.equals("Next") && !field.equals("Comment") && !field.equals("Assign")) {
                return new Comparison(JsonPath.parse(node.get("Variable").asString()), field, node.get(field));
            }
        }
        throw new IllegalArgumentException("a Choice rule without an operator");
    }

    private static List<ChoiceRule> list(JsonNode nodes) {
        List<ChoiceRule> rules = new ArrayList<>();
        nodes.forEach(node -> rules.add(of(node)));
        return rules;
    }

    record All(List<ChoiceRule> rules) implements ChoiceRule {
        public boolean matches(PathRoots roots) throws AslError {
            for (ChoiceRule rule : rules) {
                if (!rule.matches(roots)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(List<ChoiceRule> rules) implements ChoiceRule {
        public boolean matches(PathRoots roots) throws AslError {
            for (ChoiceRule rule : rules) {
                if (rule.matches(roots)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        public boolean matches(PathRoots roots) throws AslError {
            return !rule.matches(roots);
        }
    }

    /** A comparison; a value of the wrong type never matches, a missing Variable is an error (except IsPresent). */
    record Comparison(JsonPath variable, String operator, JsonNode operand) implements ChoiceRule {

        public boolean matches(PathRoots roots) throws AslError {
            List<JsonNode> found = variable.select(roots);
            if (operator.equals("IsPresent")) {
                return !found.isEmpty() == operand.booleanValue();
            }
            if (found.isEmpty()) {
                throw new AslError(AslError.RUNTIME, "Invalid path '" + variable.text()
                        + "': The choice state's condition path references an invalid value.");
            }
            JsonNode value = found.get(0);
            if (operator.startsWith("Is")) {
                return typeTest(value) == operand.booleanValue();
            }
            boolean viaPath = operator.endsWith("Path");
            String base = viaPath ? operator.substring(0, operator.length() - 4) : operator;
            JsonNode expected = viaPath ? resolve(operand.asString(), roots) : operand;
            return compare(base, value, expected);
        }

        private boolean typeTest(JsonNode value) {
            return switch (operator) {
                case "IsNull" -> value.isNull();
                case "IsNumeric" -> value.isNumber();
                case "IsString" -> value.isString();
                case "IsBoolean" -> value.isBoolean();
                case "IsTimestamp" -> timestamp(value) != null;
                default -> throw new IllegalStateException(operator);
            };
        }

        private static JsonNode resolve(String path, PathRoots roots) throws AslError {
            List<JsonNode> found = JsonPath.parse(path).select(roots);
            if (found.isEmpty()) {
                throw new AslError(AslError.RUNTIME, "Invalid path '" + path
                        + "': The choice state's condition path references an invalid value.");
            }
            return found.get(0);
        }

        private static boolean compare(String base, JsonNode value, JsonNode expected) {
            if (base.startsWith("String")) {
                if (!value.isString() || !expected.isString()) {
                    return false;
                }
                if (base.equals("StringMatches")) {
                    return wildcard(expected.stringValue()).matcher(value.stringValue()).matches();
                }
                return holds(base.substring("String".length()), value.stringValue().compareTo(expected.stringValue()));
            }
            if (base.startsWith("Numeric")) {
                return value.isNumber() && expected.isNumber()
                        && holds(base.substring("Numeric".length()), JsonValues.compare(value, expected));
            }
            if (base.equals("BooleanEquals")) {
                return value.isBoolean() && expected.isBoolean() && value.booleanValue() == expected.booleanValue();
            }
            Instant left = timestamp(value);
            Instant right = timestamp(expected);
            return left != null && right != null && holds(base.substring("Timestamp".length()), left.compareTo(right));
        }

        private static boolean holds(String relation, int comparison) {
            return switch (relation) {
                case "Equals" -> comparison == 0;
                case "LessThan" -> comparison < 0;
                case "GreaterThan" -> comparison > 0;
                case "LessThanEquals" -> comparison <= 0;
                case "GreaterThanEquals" -> comparison >= 0;
                default -> throw new IllegalStateException(relation);
            };
        }

        private static Instant timestamp(JsonNode value) {
            if (!value.isString() || !value.stringValue().contains("T")) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value.stringValue()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        /** StringMatches: '*' matches any run of characters; '\*' and '\\' are a literal star and backslash. */
        private static Pattern wildcard(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length()) {
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                } else if (c == '*') {
                    regex.append(".*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }
}
