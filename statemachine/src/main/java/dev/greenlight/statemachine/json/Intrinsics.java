package dev.greenlight.statemachine.json;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** The ASL intrinsic functions. Randomness is injected so tests can pin it. */
public final class Intrinsics {

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
    public JsonNode evaluate(String expression, PathRoots roots) {
        return call(IntrinsicCall.parse(expression), roots);
    }

    JsonNode call(IntrinsicCall call, PathRoots roots) {
        List<JsonNode> args = new ArrayList<>();
        for (IntrinsicCall.Argument argument : call.arguments()) {
            args.add(argument.value(roots, this));
        }
        IntrinsicArgs a = new IntrinsicArgs(call.name(), args);
        return switch (call.name()) {
            case "States.Format" -> TextFunctions.format(call, a);
            case "States.StringToJson" -> TextFunctions.stringToJson(a);
            case "States.JsonToString" -> Json.text(Json.write(a.count(1).args().get(0)));
            case "States.Array" -> ArrayFunctions.array(args);
            case "States.ArrayPartition" -> ArrayFunctions.arrayPartition(a);
            case "States.ArrayContains" -> ArrayFunctions.arrayContains(a);
            case "States.ArrayRange" -> ArrayFunctions.arrayRange(a);
            case "States.ArrayGetItem" -> ArrayFunctions.arrayGetItem(a);
            case "States.ArrayLength" -> Json.number(a.count(1).array(0).size());
            case "States.ArrayUnique" -> ArrayFunctions.arrayUnique(a);
            case "States.Base64Encode" -> TextFunctions.base64Encode(a);
            case "States.Base64Decode" -> TextFunctions.base64Decode(a);
            case "States.Hash" -> TextFunctions.hash(a);
            case "States.JsonMerge" -> TextFunctions.jsonMerge(a);
            case "States.MathRandom" -> mathRandom(a);
            case "States.MathAdd" -> mathAdd(a);
            case "States.StringSplit" -> TextFunctions.stringSplit(a);
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














    private JsonNode mathRandom(IntrinsicArgs a) {
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

    private static JsonNode mathAdd(IntrinsicArgs a) {
        long sum = (long) a.count(2).integer(0) + a.integer(1);
        if (sum > Integer.MAX_VALUE || sum < Integer.MIN_VALUE) {
            throw a.fail("the sum is outside the 32-bit integer range");
        }
        return Json.number(sum);
    }



    private JsonNode uuid(IntrinsicArgs a) {
        a.count(0);
        return Json.text(uuids.get().toString());
    }
}
