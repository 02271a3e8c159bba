package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.regex.Pattern;

/** The boolean expression inside a JSONPath filter {@code [?( ... )]}. */
sealed interface FilterExpression {

    boolean test(JsonNode current, PathRoots roots);

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
        public boolean test(JsonNode current, PathRoots roots) {
            return left.test(current, roots) && right.test(current, roots);
        }
    }

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
        public boolean test(JsonNode current, PathRoots roots) {
            return left.test(current, roots) || right.test(current, roots);
        }
    }

    record Not(FilterExpression inner) implements FilterExpression {
        public boolean test(JsonNode current, PathRoots roots) {
            return !inner.test(current, roots);
        }
    }

    /** A bare path: true when it selects something. */
    record Exists(JsonPath path) implements FilterExpression {
        public boolean test(JsonNode current, PathRoots roots) {
            return !path.select(current, roots).isEmpty();
        }
    }

    record Comparison(Operand left, String operator, Operand right) implements FilterExpression {
        public boolean test(JsonNode current, PathRoots roots) {
            JsonNode a = left.value(current, roots);
            JsonNode b = right.value(current, roots);
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

    /** A side of a comparison: a literal value, or a path from {@code @}, {@code $}, {@code $$} or a variable. */
    sealed interface Operand {
        JsonNode value(JsonNode current, PathRoots roots);

        record Literal(JsonNode literal) implements Operand {
            public JsonNode value(JsonNode current, PathRoots roots) {
                return literal;
            }
        }

        record PathOperand(JsonPath path) implements Operand {
            public JsonNode value(JsonNode current, PathRoots roots) {
                List<JsonNode> matches = path.select(current, roots);
                return matches.isEmpty() ? null : matches.get(0);
            }
        }
    }
}
