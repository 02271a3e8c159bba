package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.regex.Pattern;

/** The boolean expression inside a JSONPath filter {@code [?( ... )]}. */
sealed interface FilterExpression {

    boolean test(JsonNode current, JsonNode root);

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
        public boolean test(JsonNode current, JsonNode root) {
            return left.test(current, root) && right.test(current, root);
        }
    }

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
        public boolean test(JsonNode current, JsonNode root) {
            return left.test(current, root) || right.test(current, root);
        }
    }

    record Not(FilterExpression inner) implements FilterExpression {
        public boolean test(JsonNode current, JsonNode root) {
            return !inner.test(current, root);
        }
    }

    /** A bare path: true when it selects something. */
    record Exists(JsonPath path) implements FilterExpression {
        public boolean test(JsonNode current, JsonNode root) {
            return !Operand.select(path, current, root).isEmpty();
        }
    }

    record Comparison(Operand left, String operator, Operand right) implements FilterExpression {
        public boolean test(JsonNode current, JsonNode root) {
            JsonNode a = left.value(current, root);
            JsonNode b = right.value(current, root);
            if (a == null || b == null) {
                return false;
            }
            return switch (operator) {
                case "==" -> JsonValues.sameValue(a, b);
                case "!=" -> !JsonValues.sameValue(a, b);
                case "<" -> JsonValues.compare(a, b) < 0 && JsonValues.comparable(a, b);
                case "<=" -> JsonValues.compare(a, b) <= 0 && JsonValues.comparable(a, b);
                case ">" -> JsonValues.compare(a, b) > 0 && JsonValues.comparable(a, b);
                case ">=" -> JsonValues.compare(a, b) >= 0 && JsonValues.comparable(a, b);
                case "=~" -> a.isString() && b.isString() && Pattern.compile(b.stringValue()).matcher(a.stringValue()).matches();
                default -> throw new JsonPathException("unknown operator " + operator);
            };
        }
    }

    /** A side of a comparison: a literal value, or a path from {@code @} or {@code $}. */
    sealed interface Operand {
        JsonNode value(JsonNode current, JsonNode root);

        static List<JsonNode> select(JsonPath path, JsonNode current, JsonNode root) {
            return path.select(path.root() == JsonPath.Root.CURRENT ? current : root, root);
        }

        record Literal(JsonNode literal) implements Operand {
            public JsonNode value(JsonNode current, JsonNode root) {
                return literal;
            }
        }

        record PathOperand(JsonPath path) implements Operand {
            public JsonNode value(JsonNode current, JsonNode root) {
                List<JsonNode> matches = select(path, current, root);
                return matches.isEmpty() ? null : matches.get(0);
            }
        }
    }
}
