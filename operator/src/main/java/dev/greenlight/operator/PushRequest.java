package dev.greenlight.operator;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code push} sends to the local cloud's {@code POST /images}, checked before it is sent.
 *
 * @param tag         the new image tag
 * @param jar         the blog jar, absolute
 * @param env         environment variables baked into the image
 * @param plan        what the release overrides of the configured plan (--steps, --bake, --plan)
 */
record PushRequest(String tag, Path jar, Map<String, String> env, PlanFlags plan) {

    /** ECR's rule for an image tag. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,299}");
    /** The longest tag the release workflow accepts from ECR's push event (EcrPush). */
    static final int MAX_RELEASED_TAG = 128;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final DateTimeFormatter BUILD_TAG = DateTimeFormatter.ofPattern("'build-'yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        PlanFlags plan = PlanFlags.from(flags.steps(), flags.bake(), flags.plan());
        return new PushRequest(tag, jar(flags, env), environment(flags.env()), plan);
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

    /** The JSON body of {@code POST /images}; the plan and its fields only when given. */
    String json() {
        ObjectNode body = JSON.createObjectNode();
        body.put("tag", tag);
        body.put("jar", jar.toString());
        ObjectNode variables = body.putObject("env");
        env.forEach(variables::put);
        ObjectNode override = plan.override();
        if (override != null) {
            body.set("plan", override);
        }
        return JSON.writeValueAsString(body);
    }
}
