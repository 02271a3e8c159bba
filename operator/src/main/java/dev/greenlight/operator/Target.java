package dev.greenlight.operator;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the operator commands act: the local cloud described by {@code $GREENLIGHT_STATE/cloud.json}, or the
 * deployment on AWS ({@code --aws}).
 *
 * @param name            how the target is named in messages: "the local cloud" or "AWS"
 * @param local           true for the local cloud
 * @param service         the released service: the partition of its items in the Releases table
 * @param stateMachineArn the release state machine
 * @param releasesTable   the Releases table
 * @param controlEndpoint the local cloud's control API (POST /images); null on AWS
 * @param blogUrl         the blog's address, where known
 * @param sfn             how to reach Step Functions
 * @param dynamoDb        how to reach DynamoDB
 * @param cloudWatch      how to reach CloudWatch, for the console's metrics
 * @param loadBalancer    the ALB's CloudWatch dimension ({@code app/NAME/ID}); null where unknown
 */
record Target(String name, boolean local, String service, String stateMachineArn, String releasesTable,
        URI controlEndpoint, String blogUrl, Endpoint sfn, Endpoint dynamoDb, Endpoint cloudWatch,
        String loadBalancer) {

    static final String DEFAULT_RELEASES_TABLE = "Releases";
    static final String DEFAULT_SERVICE = "blog";

    /**
     * How to build one SDK client; a null field is left to the SDK's default chain.
     *
     * @param region      the region
     * @param endpoint    the endpoint override
     * @param credentials the credentials
     */
    record Endpoint(Region region, URI endpoint, AwsCredentialsProvider credentials) {
    }

    /** The local cloud, from the cloud.json its daemon writes once it is up. */
    static Target local(Map<String, String> env) {
        Path file = Path.of(env.getOrDefault("GREENLIGHT_STATE", ".greenlight")).resolve("cloud.json");
        if (!Files.isRegularFile(file)) {
            throw CliException.invalid("the local system is not running; start it with ./greenlight up");
        }
        JsonNode cloud;
        try {
            cloud = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw CliException.invalid("cannot read " + file + " (" + e.getMessage()
                    + "); restart the local system with ./greenlight down and ./greenlight up");
        }
        AwsCredentialsProvider local = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        Region region = Region.of(field(cloud, "region", file));
        String control = cloud.path("controlEndpoint").asString(null);
        String metrics = cloud.path("cloudwatchEndpoint").asString(null);
        return new Target("the local cloud", true, field(cloud, "service", file), field(cloud, "stateMachineArn", file),
                field(cloud, "releasesTable", file), control == null ? null : URI.create(control),
                cloud.path("blogUrl").asString(null),
                new Endpoint(region, URI.create(field(cloud, "sfnEndpoint", file)), local),
                new Endpoint(region, URI.create(field(cloud, "dynamodbEndpoint", file)), local),
                new Endpoint(region, metrics == null ? null : URI.create(metrics), local),
                metrics == null ? null : cloud.path("loadBalancer").asString(null));
    }

    /**
     * The deployment on AWS. Names come from GREENLIGHT_* variables. Region, endpoints and keys are taken from
     * the given environment where it sets them (AWS_REGION, AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_DYNAMODB,
     * AWS_ENDPOINT_URL_CLOUDWATCH, AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN),
     * which is what the SDK would
     * read from the process environment; everything else (profiles, config files, instance roles) is left to
     * the SDK's default chains.
     */
    static Target aws(Map<String, String> env) {
        String machine = env.get("GREENLIGHT_STATE_MACHINE_ARN");
        if (machine == null || machine.isBlank()) {
            throw CliException.invalid("GREENLIGHT_STATE_MACHINE_ARN is not set; set it to the terraform output"
                    + " state_machine_arn (terraform -chdir=terraform output -raw state_machine_arn)");
        }
        Region region = present(env, "AWS_REGION") ? Region.of(env.get("AWS_REGION")) : null;
        AwsCredentialsProvider keys = keys(env);
        boolean ignoreEndpoints = "true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
        return new Target("AWS", false,
                env.getOrDefault("GREENLIGHT_SERVICE", DEFAULT_SERVICE), machine,
                env.getOrDefault("GREENLIGHT_RELEASES_TABLE", DEFAULT_RELEASES_TABLE), null, null,
                new Endpoint(region, ignoreEndpoints ? null : endpoint(env, "AWS_ENDPOINT_URL_SFN"), keys),
                new Endpoint(region, ignoreEndpoints ? null : endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB"), keys),
                new Endpoint(region, ignoreEndpoints ? null : endpoint(env, "AWS_ENDPOINT_URL_CLOUDWATCH"), keys),
                present(env, "GREENLIGHT_LOAD_BALANCER") ? env.get("GREENLIGHT_LOAD_BALANCER") : null);
    }

    static URI endpoint(Map<String, String> env, String serviceVariable) {
        String url = present(env, serviceVariable) ? env.get(serviceVariable) : env.get("AWS_ENDPOINT_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw CliException.invalid(serviceVariable + " (or AWS_ENDPOINT_URL) is not a URL: " + url);
        }
    }

    static AwsCredentialsProvider keys(Map<String, String> env) {
        if (!present(env, "AWS_ACCESS_KEY_ID") || !present(env, "AWS_SECRET_ACCESS_KEY")) {
            return null;
        }
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        return StaticCredentialsProvider.create(present(env, "AWS_SESSION_TOKEN")
                ? AwsSessionCredentials.create(id, secret, env.get("AWS_SESSION_TOKEN"))
                : AwsBasicCredentials.create(id, secret));
    }

    static boolean present(Map<String, String> env, String name) {
        return env.get(name) != null && !env.get(name).isBlank();
    }

    private static String field(JsonNode cloud, String name, Path file) {
        String value = cloud.path(name).asString(null);
        if (value == null || value.isBlank()) {
            throw CliException.invalid(file + " has no " + name
                    + "; restart the local system with ./greenlight down and ./greenlight up");
        }
        return value;
    }
}
