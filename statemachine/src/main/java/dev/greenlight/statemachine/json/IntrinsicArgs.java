package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/** The evaluated arguments of one call, with checks that name the function when they fail. */
record IntrinsicArgs(String function, List<JsonNode> args) {
    IntrinsicArgs count(int expected) {
        if (args.size() != expected) {
            throw fail("takes " + expected + " argument(s) but got " + args.size());
        }
        return this;
    }

    String string(int index) {
        JsonNode value = args.get(index);
        if (!value.isString()) {
            throw fail("argument " + (index + 1) + " must be a string");
        }
        return value.stringValue();
    }

    JsonNode array(int index) {
        JsonNode value = args.get(index);
        if (!value.isArray()) {
            throw fail("argument " + (index + 1) + " must be an array");
        }
        return value;
    }

    int integer(int index) {
        JsonNode value = args.get(index);
        if (!Json.isInteger(value)) {
            throw fail("argument " + (index + 1) + " must be an integer");
        }
        BigDecimal decimal = Json.decimal(value);
        if (decimal.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || decimal.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw fail("argument " + (index + 1) + " is outside the 32-bit integer range");
        }
        return decimal.intValue();
    }

    IntrinsicException fail(String why) {
        return new IntrinsicException(function + " " + why);
    }
}
