package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import java.util.List;

/** The array intrinsics: States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayUnique. */
final class ArrayFunctions {

    private ArrayFunctions() {
    }

    static JsonNode array(List<JsonNode> args) {
        ArrayNode array = Json.array();
        args.forEach(array::add);
        return array;
    }

    static JsonNode arrayPartition(IntrinsicArgs a) {
        JsonNode source = a.count(2).array(0);
        int size = a.integer(1);
        if (size <= 0) {
            throw a.fail("chunk size must be positive");
        }
        ArrayNode out = Json.array();
        ArrayNode chunk = null;
        for (int i = 0; i < source.size(); i++) {
            if (i % size == 0) {
                chunk = out.addArray();
            }
            chunk.add(source.get(i));
        }
        return out;
    }

    static JsonNode arrayContains(IntrinsicArgs a) {
        JsonNode source = a.count(2).array(0);
        JsonNode wanted = a.args().get(1);
        for (JsonNode element : source) {
            if (JsonValues.sameValue(element, wanted)) {
                return Json.bool(true);
            }
        }
        return Json.bool(false);
    }

    static JsonNode arrayRange(IntrinsicArgs a) {
        int first = a.count(3).integer(0);
        int last = a.integer(1);
        int step = a.integer(2);
        if (step == 0) {
            throw a.fail("step must not be 0");
        }
        ArrayNode out = Json.array();
        for (long i = first; step > 0 ? i <= last : i >= last; i += step) {
            if (out.size() >= 1000) {
                throw a.fail("may create at most 1000 items");
            }
            out.add(i);
        }
        return out;
    }

    static JsonNode arrayGetItem(IntrinsicArgs a) {
        JsonNode source = a.count(2).array(0);
        int index = a.integer(1);
        if (index < 0 || index >= source.size()) {
            throw a.fail("index " + index + " is out of bounds for an array of " + source.size());
        }
        return source.get(index);
    }

    static JsonNode arrayUnique(IntrinsicArgs a) {
        ArrayNode out = Json.array();
        for (JsonNode element : a.count(1).array(0)) {
            boolean seen = false;
            for (JsonNode kept : out) {
                seen |= JsonValues.sameValue(kept, element);
            }
            if (!seen) {
                out.add(element);
            }
        }
        return out;
    }
}
