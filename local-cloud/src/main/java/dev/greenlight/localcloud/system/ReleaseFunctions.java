package dev.greenlight.localcloud.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.statemachine.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The release functions as the local system configures them: the local plan, and the {@code greenlight.*}
 * properties that on AWS Terraform passes in the Lambdas' environment.
 */
final class ReleaseFunctions {

    /** The local release plan and settings, which the environment of {@code ./greenlight up} may override. */
    static final String LOCAL_PLAN = "classpath:/dev/greenlight/localcloud/system/local-release.properties";

    private ReleaseFunctions() {
    }

    /** Starts the functions on the local cloud's clients and dynalite; returns once they accept invocations. */
    static FunctionHost start(LocalCloud cloud, DynamoDbClient dynamoDb, Infrastructure infrastructure,
            SystemConfig config) {
        return FunctionHost.start(cloud, dynamoDb, LOCAL_PLAN, properties(cloud, infrastructure, config));
    }

    /** The names of what the functions release and where, and what each blog task they start is given. */
    static Map<String, String> properties(LocalCloud cloud, Infrastructure infrastructure, SystemConfig config) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("greenlight.service", Infrastructure.SERVICE);
        properties.put("greenlight.cluster", Infrastructure.CLUSTER);
        properties.put("greenlight.releases-table", ReleasesStore.TABLE);
        properties.putAll(infrastructure.releaseProperties(cloud));
        taskEnvironment(infrastructure, config)
                .forEach((name, value) -> properties.put("greenlight.task.environment." + name, value));
        return properties;
    }

    /**
     * What every blog task gets besides its image's variables: dynalite, the local author and session key, and
     * the address readers use, which the feed's links start with.
     */
    private static Map<String, String> taskEnvironment(Infrastructure infrastructure, SystemConfig config) {
        Map<String, String> environment = new TreeMap<>();
        environment.put("BLOG_BASE_URL", "http://127.0.0.1:" + infrastructure.blogPort());
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        environment.put("GREENLIGHT_STATE_DIR", config.stateDir().toString());
        environment.put("BLOG_DYNAMODB_ENDPOINT", config.dynamoDbEndpoint().toString());
        environment.put("BLOG_DYNAMODB_REGION", LocalAws.REGION);
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        return environment;
    }
}
