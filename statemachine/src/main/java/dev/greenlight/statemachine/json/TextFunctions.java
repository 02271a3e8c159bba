package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;

/** The string and JSON intrinsics: Format, StringToJson, Base64, Hash, JsonMerge, StringSplit. */
final class TextFunctions {

    private static final Map<String, String> HASH_ALGORITHMS = Map.of(
            "MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    private TextFunctions() {
    }

    static JsonNode format(IntrinsicCall call, IntrinsicArgs a) {
        if (a.args().isEmpty()) {
            throw a.fail("needs a template");
        }
        String template = call.arguments().get(0) instanceof IntrinsicCall.Literal literal && literal.raw() != null
                ? literal.raw() : a.string(0);
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= a.args().size()) {
                    throw a.fail("has more {} placeholders than arguments");
                }
                out.append(formatValue(a.args().get(next++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != a.args().size()) {
            throw a.fail("has more arguments than {} placeholders");
        }
        return Json.text(out.toString());
    }

    /**
     * A value as States.Format writes it: a string as it is, a number, boolean or null as JSON, and a container
     * as Step Functions prints one, {@code {name=value, other=[1, two]}} for {@code {"name": "value", "other":
     * [1, "two"]}}, strings inside it unquoted.
     */
    private static String formatValue(JsonNode value) {
        if (value.isObject()) {
            StringJoiner members = new StringJoiner(", ", "{", "}");
            value.properties().forEach(member -> members.add(member.getKey() + "=" + formatValue(member.getValue())));
            return members.toString();
        }
        if (value.isArray()) {
            StringJoiner elements = new StringJoiner(", ", "[", "]");
            value.forEach(element -> elements.add(formatValue(element)));
            return elements.toString();
        }
        return value.isString() ? value.stringValue() : Json.write(value);
    }

    static JsonNode stringToJson(IntrinsicArgs a) {
        try {
            return Json.parse(a.count(1).string(0));
        } catch (IllegalArgumentException e) {
            throw a.fail(e.getMessage());
        }
    }

    static JsonNode base64Encode(IntrinsicArgs a) {
        return Json.text(Base64.getEncoder().encodeToString(a.count(1).string(0).getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode base64Decode(IntrinsicArgs a) {
        try {
            return Json.text(new String(Base64.getDecoder().decode(a.count(1).string(0)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw a.fail("the argument is not Base64");
        }
    }

    static JsonNode hash(IntrinsicArgs a) {
        JsonNode data = a.count(2).args().get(0);
        String algorithm = HASH_ALGORITHMS.get(a.string(1));
        if (algorithm == null) {
            throw a.fail("algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        }
        String text = data.isString() ? data.stringValue() : Json.write(data);
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return Json.text(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw a.fail("algorithm " + algorithm + " is not available");
        }
    }

    static JsonNode jsonMerge(IntrinsicArgs a) {
        JsonNode left = a.count(3).args().get(0);
        JsonNode right = a.args().get(1);
        if (!left.isObject() || !right.isObject()) {
            throw a.fail("can only merge two objects");
        }
        if (!a.args().get(2).isBoolean() || a.args().get(2).booleanValue()) {
            throw a.fail("supports only a shallow merge: the third argument must be false");
        }
        ObjectNode merged = (ObjectNode) left.deepCopy();
        right.properties().forEach(entry -> merged.set(entry.getKey(), entry.getValue()));
        return merged;
    }

    static JsonNode stringSplit(IntrinsicArgs a) {
        String source = a.count(2).string(0);
        String delimiters = a.string(1);
        ArrayNode out = Json.array();
        StringBuilder current = new StringBuilder();
        for (char c : source.toCharArray()) {
            if (delimiters.indexOf(c) >= 0) {
                addIfNotEmpty(out, current);
            } else {
                current.append(c);
            }
        }
        addIfNotEmpty(out, current);
        return out;
    }

    private static void addIfNotEmpty(ArrayNode out, StringBuilder current) {
        if (!current.isEmpty()) {
            out.add(current.toString());
            current.setLength(0);
        }
    }
}
