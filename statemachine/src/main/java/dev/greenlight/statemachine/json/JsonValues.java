package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Equality and ordering of JSON values where numbers compare by value (1 equals 1.0). */
public final class JsonValues {

    private JsonValues() {
    }

    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Json.decimal(a).compareTo(Json.decimal(b)) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> entries = a.properties().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                JsonNode other = b.get(entry.getKey());
                if (other == null || !sameValue(entry.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Whether {@link #compare} is meaningful: two numbers or two strings. */
    public static boolean comparable(JsonNode a, JsonNode b) {
        return (a.isNumber() && b.isNumber()) || (a.isString() && b.isString());
    }

    public static int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Json.decimal(a).compareTo(Json.decimal(b));
        }
        if (a.isString() && b.isString()) {
            return a.stringValue().compareTo(b.stringValue());
        }
        return 0;
    }
}
