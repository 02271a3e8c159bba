package dev.greenlight.operator;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.greenlight.release.plan.PlanOverride;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code push} sends to the local cloud's {@code POST /images}, checked before it is sent.
 *
 * @param tag         the new image tag
 * @param jar         the blog jar, absolute
 * @param env         environment variables baked into the image
 * @param steps       the plan's steps, or null for the configured plan's
 * @param bakeSeconds the plan's bakes, or null for the configured plan's
 * @param plan        any other fields of the plan this release overrides (--plan), or null
 */
record PushRequest(String tag, Path jar, Map<String, String> env, List<Integer> steps, List<Integer> bakeSeconds,
        ObjectNode plan) {

    /** ECR's rule for an image tag. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,299}");
    /** The longest tag the release workflow accepts from ECR's push event (EcrPush). */
    static final int MAX_RELEASED_TAG = 128;
    /** The longest bake a plan allows (ReleasePlan). */
    static final int MAX_BAKE_SECONDS = 86_400;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final DateTimeFormatter BUILD_TAG = DateTimeFormatter.ofPattern("'build-'yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    /**
     * The flags of {@code push} as given, each null (or empty) when not given.
     *
     * @param tag   --tag
     * @param jar   --jar
     * @param env   every --env
     * @param steps --steps
     * @param bake  --bake
     * @param plan  --plan
     */
    record Given(String tag, String jar, List<String> env, String steps, String bake, String plan) {
    }

    /** Reads and checks the flags of {@code push}; the first problem is reported as what to fix. */
    static PushRequest from(Given flags, Map<String, String> env, Clock clock) {
        String tag = flags.tag() != null ? flags.tag() : BUILD_TAG.format(clock.instant());
        if (!TAG.matcher(tag).matches()) {
            throw CliException.invalid("--tag " + tag + " is not a valid image tag: letters, digits, _ . and -,"
                    + " not starting with . or -, at most 300 characters");
        }
        if (tag.length() > MAX_RELEASED_TAG) {
            throw CliException.invalid("--tag is " + tag.length() + " characters; the release workflow only"
                    + " releases tags of at most " + MAX_RELEASED_TAG);
        }
        List<Integer> steps = Optional.ofNullable(flags.steps()).map(PushRequest::steps).orElse(null);
        List<Integer> bakes = Optional.ofNullable(flags.bake()).map(PushRequest::bakes).orElse(null);
        if (steps != null && bakes != null && bakes.size() > 1 && steps.size() != bakes.size()) {
            throw CliException.invalid("--bake gives " + bakes.size() + " bakes but --steps has " + steps.size()
                    + " steps; give one bake for all steps or one per step");
        }
        ObjectNode plan = Optional.ofNullable(flags.plan()).map(PushRequest::plan).orElse(null);
        if (plan != null && ((steps != null && plan.has("steps")) || (bakes != null && plan.has("bakeSeconds")))) {
            throw CliException.invalid("--plan sets " + (steps != null && plan.has("steps") ? "steps" : "bakeSeconds")
                    + " and so does " + (steps != null && plan.has("steps") ? "--steps" : "--bake") + "; give it once");
        }
        return new PushRequest(tag, jar(flags, env), environment(flags.env()), steps, bakes, plan);
    }

    /**
     * --plan: a JSON object of the plan fields this release overrides, as a release's input takes them (see
     * ReleasePlan), e.g. {"maxExtensionSeconds": 120, "gate": {"errorIncreaseToDetect": 0.02}}. Its shape is
     * checked here; its values, with the rest of the plan, by the workflow.
     */
    private static ObjectNode plan(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw CliException.invalid("--plan must be a JSON object of plan fields, e.g. '{\"maxExtensionSeconds\":"
                    + " 120}', but is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw CliException.invalid("--plan must be a JSON object of plan fields, e.g. '{\"maxExtensionSeconds\":"
                    + " 120}'");
        }
        try {
            STRICT.treeToValue(node, PlanOverride.class);
        } catch (JacksonException e) {
            throw CliException.invalid("--plan: " + PlanOverride.problem(e));
        }
        return (ObjectNode) node;
    }

    private static Path jar(Given flags, Map<String, String> env) {
        Path jar;
        try {
            jar = (flags.jar() != null ? Path.of(flags.jar())
                    : Path.of(env.getOrDefault("GREENLIGHT_ROOT", ".")).resolve("blog-web/target/blog-web.jar"))
                    .toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw CliException.invalid("--jar " + flags.jar() + " is not a path: " + e.getReason());
        }
        if (!Files.exists(jar)) {
            throw CliException.invalid("no jar at " + jar + (flags.jar() != null ? ""
                    : "; build it with ./mvnw -pl blog-web -am package -DskipTests, or pass --jar PATH"));
        }
        if (!Files.isRegularFile(jar)) {
            throw CliException.invalid(jar + " is not a file; --jar needs the blog's executable jar");
        }
        return jar;
    }

    private static Map<String, String> environment(List<String> pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (equals < 0 || !ENV_NAME.matcher(name).matches()) {
                throw CliException.invalid("--env " + pair + " must be NAME=value, NAME of letters, digits and _,"
                        + " not starting with a digit");
            }
            if (env.put(name, pair.substring(equals + 1)) != null) {
                throw CliException.invalid("--env " + name + " is given twice");
            }
        }
        return env;
    }

    private static List<Integer> steps(String text) {
        List<Integer> steps = integers("--steps", text);
        int previous = 0;
        for (int step : steps) {
            if (step < 1 || step > 100 || step <= previous) {
                throw CliException.invalid("--steps " + text + " must be percentages from 1 to 100, each larger"
                        + " than the one before, e.g. 10,50,100");
            }
            previous = step;
        }
        if (previous != 100) {
            throw CliException.invalid("--steps " + text + " must end at 100, so the release finishes with all"
                    + " traffic on green");
        }
        return steps;
    }

    private static List<Integer> bakes(String text) {
        List<Integer> bakes = integers("--bake", text);
        if (bakes.stream().anyMatch(b -> b < 0 || b > MAX_BAKE_SECONDS)) {
            throw CliException.invalid("--bake " + text + " must be seconds from 0 to " + MAX_BAKE_SECONDS);
        }
        return bakes;
    }

    private static List<Integer> integers(String flag, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw CliException.invalid(flag + " " + text + " must be whole numbers separated by commas, but "
                        + (part.isBlank() ? "has an empty entry" : "'" + part + "' is not one"));
            }
        }
        return values;
    }

    /** The JSON body of {@code POST /images}; the plan and its fields only when given. */
    String json() {
        ObjectNode body = JSON.createObjectNode();
        body.put("tag", tag);
        body.put("jar", jar.toString());
        ObjectNode variables = body.putObject("env");
        env.forEach(variables::put);
        if (steps != null || bakeSeconds != null || this.plan != null) {
            ObjectNode plan = body.putObject("plan");
            if (this.plan != null) {
                plan.setAll(this.plan);
            }
            if (steps != null) {
                ArrayNode array = plan.putArray("steps");
                steps.forEach(array::add);
            }
            if (bakeSeconds != null) {
                ArrayNode array = plan.putArray("bakeSeconds");
                bakeSeconds.forEach(array::add);
            }
        }
        return JSON.writeValueAsString(body);
    }
}
