package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflow variables of one scope: the machine's top level, or one Parallel branch or Map iteration.
 * An inner scope reads the variables of the scopes around it; what it assigns stays inside it.
 */
final class Variables {

    /** Step Functions' quotas: one Assign may hold at most 256 KiB, an execution's variables at most 10 MiB. */
    static final int MAX_ASSIGN_BYTES = 256 * 1024;
    static final int MAX_STORED_BYTES = 10 * 1024 * 1024;

    private final Variables outer;
    private final Map<String, JsonNode> values = new ConcurrentHashMap<>();

    private Variables(Variables outer) {
        this.outer = outer;
    }

    static Variables top() {
        return new Variables(null);
    }

    Variables inner() {
        return new Variables(this);
    }

    /** Every variable this scope can read, inner values over outer ones; a copy, so later assignments do not show. */
    ObjectNode visible() {
        ObjectNode all = outer == null ? Json.object() : outer.visible();
        values.forEach(all::set);
        return all;
    }

    /** Sets the values one state assigned, all at once, after checking the quotas. */
    void assign(String state, ObjectNode assigned) throws AslError {
        if (assigned.isEmpty()) {
            return;
        }
        int size = bytes(assigned);
        if (size > MAX_ASSIGN_BYTES) {
            throw new AslError(AslError.DATA_LIMIT_EXCEEDED, "The Assign of state '" + state + "' holds " + size
                    + " bytes, exceeding the maximum of " + MAX_ASSIGN_BYTES + " bytes");
        }
        ObjectNode after = visible();
        assigned.properties().forEach(entry -> after.set(entry.getKey(), entry.getValue()));
        int stored = bytes(after);
        if (stored > MAX_STORED_BYTES) {
            throw new AslError(AslError.DATA_LIMIT_EXCEEDED, "State '" + state + "' would store " + stored
                    + " bytes of variables, exceeding the maximum of " + MAX_STORED_BYTES + " bytes");
        }
        assigned.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
    }

    private static int bytes(JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8).length;
    }
}
