package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** The ASL intrinsic functions. Randomness is injected so tests can pin it. */
public final class Intrinsics {

    private static final Map<String, String> HASH_ALGORITHMS = Map.of(
            "MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    private final Supplier<UUID> uuids;
    private final Random random;

    public Intrinsics(Supplier<UUID> uuids, Random random) {
        this.uuids = uuids;
        this.random = random;
    }

    public static Intrinsics standard() {
        return new Intrinsics(UUID::randomUUID, new Random());
    }

    /** Evaluates an intrinsic expression such as {@code States.Format('{}', $.a)}. */
    public JsonNode evaluate(String expression, JsonNode data, JsonNode context) {
        return call(IntrinsicCall.parse(expression), data, context);
    }

    JsonNode call(IntrinsicCall call, JsonNode data, JsonNode context) {
        List<JsonNode> args = new ArrayList<>();
        for (IntrinsicCall.Argument argument : call.arguments()) {
            args.add(argument.value(data, context, this));
        }
        Args a = new Args(call.name(), args);
        return switch (call.name()) {
            case "States.Format" -> format(call, a);
            case "States.StringToJson" -> stringToJson(a);
            case "States.JsonToString" -> Json.text(Json.write(a.count(1).args().get(0)));
            case "States.Array" -> array(args);
            case "States.ArrayPartition" -> arrayPartition(a);
            case "States.ArrayContains" -> arrayContains(a);
            case "States.ArrayRange" -> arrayRange(a);
            case "States.ArrayGetItem" -> arrayGetItem(a);
            case "States.ArrayLength" -> Json.number(a.count(1).array(0).size());
            case "States.ArrayUnique" -> arrayUnique(a);
            case "States.Base64Encode" -> base64Encode(a);
            case "States.Base64Decode" -> base64Decode(a);
            case "States.Hash" -> hash(a);
            case "States.JsonMerge" -> jsonMerge(a);
            case "States.MathRandom" -> mathRandom(a);
            case "States.MathAdd" -> mathAdd(a);
            case "States.StringSplit" -> stringSplit(a);
            case "States.UUID" -> uuid(a);
            default -> throw new IntrinsicException("unknown intrinsic function " + call.name());
        };
    }

    /** Whether the name is one of the functions above; used when a definition is validated. */
    public static boolean isKnown(String name) {
        return Set.of("States.Format", "States.StringToJson", "States.JsonToString", "States.Array",
                "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem",
                "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode",
                "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd", "States.StringSplit",
                "States.UUID").contains(name);
    }

    private JsonNode format(IntrinsicCall call, Args a) {
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
                out.append(formatValue(a, a.args().get(next++)));
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

    private static String formatValue(Args a, JsonNode value) {
        if (value.isContainer()) {
            throw a.fail("can only format strings, numbers, booleans and null");
        }
        return value.isString() ? value.stringValue() : Json.write(value);
    }

    private static JsonNode stringToJson(Args a) {
        try {
            return Json.parse(a.count(1).string(0));
        } catch (IllegalArgumentException e) {
            throw a.fail(e.getMessage());
        }
    }

    private static JsonNode array(List<JsonNode> args) {
        ArrayNode array = Json.array();
        args.forEach(array::add);
        return array;
    }

    private static JsonNode arrayPartition(Args a) {
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

    private static JsonNode arrayContains(Args a) {
        JsonNode source = a.count(2).array(0);
        JsonNode wanted = a.args().get(1);
        for (JsonNode element : source) {
            if (JsonValues.sameValue(element, wanted)) {
                return Json.bool(true);
            }
        }
        return Json.bool(false);
    }

    private static JsonNode arrayRange(Args a) {
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

    private static JsonNode arrayGetItem(Args a) {
        JsonNode source = a.count(2).array(0);
        int index = a.integer(1);
        if (index < 0 || index >= source.size()) {
            throw a.fail("index " + index + " is out of bounds for an array of " + source.size());
        }
        return source.get(index);
    }

    private static JsonNode arrayUnique(Args a) {
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

    private static JsonNode base64Encode(Args a) {
        return Json.text(Base64.getEncoder().encodeToString(a.count(1).string(0).getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode base64Decode(Args a) {
        try {
            return Json.text(new String(Base64.getDecoder().decode(a.count(1).string(0)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw a.fail("the argument is not Base64");
        }
    }

    private static JsonNode hash(Args a) {
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

    private static JsonNode jsonMerge(Args a) {
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

    private JsonNode mathRandom(Args a) {
        if (a.args().size() != 2 && a.args().size() != 3) {
            throw a.fail("takes a start, an end and an optional seed");
        }
        int start = a.integer(0);
        int end = a.integer(1);
        if (end <= start) {
            throw a.fail("end must be greater than start");
        }
        Random source = a.args().size() == 3 ? new Random(a.integer(2)) : random;
        return Json.number(start + (long) source.nextInt(end - start));
    }

    private static JsonNode mathAdd(Args a) {
        long sum = (long) a.count(2).integer(0) + a.integer(1);
        if (sum > Integer.MAX_VALUE || sum < Integer.MIN_VALUE) {
            throw a.fail("the sum is outside the 32-bit integer range");
        }
        return Json.number(sum);
    }

    private static JsonNode stringSplit(Args a) {
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

    private JsonNode uuid(Args a) {
        a.count(0);
        return Json.text(uuids.get().toString());
    }

    /** The evaluated arguments of one call, with checks that name the function when they fail. */
    private record Args(String function, List<JsonNode> args) {
        Args count(int expected) {
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
}
