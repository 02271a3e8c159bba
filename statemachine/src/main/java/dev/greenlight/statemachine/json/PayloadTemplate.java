package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Parameters, ResultSelector and ItemSelector: a JSON template whose fields ending in {@code .$} take
 * their value from a path or an intrinsic function.
 */
public final class PayloadTemplate {

    private final JsonNode template;

    public PayloadTemplate(JsonNode template) {
        this.template = template;
    }

    /** Builds the payload; throws {@link JsonPathException} or {@link IntrinsicException} naming the field. */
    public JsonNode apply(JsonNode data, JsonNode context, Intrinsics intrinsics) {
        return resolve(template, data, context, intrinsics);
    }

    private static JsonNode resolve(JsonNode node, JsonNode data, JsonNode context, Intrinsics intrinsics) {
        if (node.isObject()) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    out.set(key.substring(0, key.length() - 2), dynamic(key, field.getValue(), data, context, intrinsics));
                } else {
                    out.set(key, resolve(field.getValue(), data, context, intrinsics));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            node.values().forEach(element -> out.add(resolve(element, data, context, intrinsics)));
            return out;
        }
        return node;
    }

    private static JsonNode dynamic(String key, JsonNode expression, JsonNode data, JsonNode context, Intrinsics intrinsics) {
        String text = expression.asString();
        if (IntrinsicCall.looksLikeCall(text)) {
            return intrinsics.evaluate(text, data, context);
        }
        try {
            return JsonPath.parse(text).evaluate(data, context);
        } catch (JsonPathException e) {
            throw new JsonPathException("The JSONPath '" + text + "' specified for the field '" + key
                    + "' could not be found in the input '" + Json.write(data) + "'");
        }
    }
}
