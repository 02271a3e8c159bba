package dev.greenlight.statemachine.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/** The one JSON mapper of the engine, and small helpers around Jackson's tree model. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** Parses JSON text; a syntax error becomes an {@link IllegalArgumentException} naming what is wrong. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static JsonNode text(String value) {
        return value == null ? NODES.nullNode() : NODES.stringNode(value);
    }

    /** An integer node, int-sized when it fits, so it equals the same number parsed from text. */
    public static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    public static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return number(stripped.longValueExact());
        }
        return NODES.numberNode(value);
    }

    public static JsonNode bool(boolean value) {
        return NODES.booleanNode(value);
    }

    public static JsonNode nullNode() {
        return NODES.nullNode();
    }

    /** A JSON number as a decimal, so 1 and 1.0 compare equal as ASL requires. */
    public static BigDecimal decimal(JsonNode number) {
        return number.decimalValue();
    }

    /** Whether the node is an integer value, including 3.0 written with a fraction. */
    public static boolean isInteger(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return false;
        }
        return node.isIntegralNumber() || decimal(node).stripTrailingZeros().scale() <= 0;
    }
}
