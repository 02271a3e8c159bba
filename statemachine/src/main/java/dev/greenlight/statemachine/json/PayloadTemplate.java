package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Parameters, ResultSelector, ItemSelector and Assign: a JSON template whose fields ending in {@code .$} take
 * their value from a path or an intrinsic function.
 */
public final class PayloadTemplate {

    private final JsonNode template;

    public PayloadTemplate(JsonNode template) {
        this.template = template;
    }

    /** Builds the payload; throws {@link JsonPathException} or {@link IntrinsicException} naming the field. */
    public JsonNode apply(PathRoots roots, Intrinsics intrinsics) {
        return resolve(template, roots, intrinsics);
    }

    private static JsonNode resolve(JsonNode node, PathRoots roots, Intrinsics intrinsics) {
        if (node.isObject()) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    out.set(key.substring(0, key.length() - 2), dynamic(key, field.getValue(), roots, intrinsics));
                } else {
                    out.set(key, resolve(field.getValue(), roots, intrinsics));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            node.values().forEach(element -> out.add(resolve(element, roots, intrinsics)));
            return out;
        }
        return node;
    }

    private static JsonNode dynamic(String key, JsonNode expression, PathRoots roots, Intrinsics intrinsics) {
        String text = expression.asString();
        if (IntrinsicCall.looksLikeCall(text)) {
            return intrinsics.evaluate(text, roots);
        }
        try {
            return JsonPath.parse(text).evaluate(roots);
        } catch (JsonPathException e) {
            throw new JsonPathException("The JSONPath '" + text + "' specified for the field '" + key
                    + "' could not be found in the input '" + Json.write(roots.data()) + "'");
        }
    }
}
