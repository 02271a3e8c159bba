package dev.greenlight.localcloud.system;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.release.ReleaseFunctionsApplication;
import dev.greenlight.release.ReleaseProperties;
import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.release.plan.PlanOverride;
import dev.greenlight.release.steps.PlanInputs;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The release functions as the local Lambda service: their Spring context served over HTTP by
 * spring-cloud-function-web on a loopback port, each function at {@code POST /<beanName>}. The AWS clients
 * are the local cloud's ECS, ALB and CloudWatch and a DynamoDB client of dynalite; everything else is the
 * functions' own configuration, given as {@code greenlight.*} properties.
 */
public final class FunctionHost implements AutoCloseable {

    /** Names no field twice and none that a plan lacks: a misspelt field is an error, not a default. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final ConfigurableApplicationContext context;
    private final URI endpoint;

    private FunctionHost(ConfigurableApplicationContext context, URI endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    /**
     * Starts the functions; returns once they accept invocations.
     *
     * @param settings   a properties file (a Spring resource location) of settings that override the functions'
     *                   defaults and that the environment may override in turn (the local plan: e.g.
     *                   {@code GREENLIGHT_PLAN_HEALTH_TIMEOUT_SECONDS=30 ./greenlight up})
     * @param properties what the local cloud created ({@code greenlight.*}), as on AWS Terraform passes it in
     *                   the Lambdas' environment
     */
    public static FunctionHost start(LocalCloud cloud, DynamoDbClient dynamoDb, String settings,
            Map<String, String> properties) {
        SpringApplication application = new SpringApplicationBuilder(ReleaseFunctionsApplication.class,
                FunctionErrors.class)
                .initializers(context -> {
                    GenericApplicationContext generic = (GenericApplicationContext) context;
                    // the local cloud owns these clients: the context must not close them
                    generic.registerBean(EcsClient.class, cloud::ecs, bd -> bd.setDestroyMethodName(""));
                    generic.registerBean(ElasticLoadBalancingV2Client.class, cloud::elb, bd -> bd.setDestroyMethodName(""));
                    generic.registerBean(CloudWatchClient.class, cloud::cloudWatch, bd -> bd.setDestroyMethodName(""));
                    generic.registerBean(DynamoDbClient.class, () -> dynamoDb, bd -> bd.setDestroyMethodName(""));
                })
                .build();
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        String[] web = {"--spring.main.web-application-type=servlet", "--server.address=127.0.0.1", "--server.port=0",
                "--logging.structured.format.console=", "--spring.main.log-startup-info=false",
                "--spring.config.additional-location=" + settings};
        String[] all = new String[args.length + web.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(web, 0, all, args.length, web.length);
        ConfigurableApplicationContext context = application.run(all);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new FunctionHost(context, URI.create("http://127.0.0.1:" + port + "/"));
    }

    /**
     * Checks a release's plan override as Prepare will: merged with the functions' configured plan. A push whose
     * plan cannot be followed is refused before anything is pushed.
     *
     * @throws InvalidPlanException listing every problem
     */
    public void checkPlan(JsonNode override) {
        PlanOverride plan;
        try {
            plan = STRICT.treeToValue(override, PlanOverride.class);
        } catch (JacksonException e) {
            throw new InvalidPlanException(List.of(PlanOverride.problem(e)));
        }
        context.getBean(ReleaseProperties.class).planWith(plan);
    }

    /**
     * What a preview of a release needs from the functions, as the planInputs function answers on AWS
     * ({@link PlanInputs}): the plan a push with this override would follow, where it runs, the task's size, and
     * the live traffic over the last {@code windowSeconds}, read from the ALB's metrics as the gate reads them.
     *
     * @param override the plan fields the push would override, or null
     * @throws InvalidPlanException listing every problem of the merged plan
     */
    public ObjectNode planInputs(JsonNode override, int windowSeconds, Instant now) {
        ObjectNode request = STRICT.createObjectNode().put("windowSeconds", windowSeconds);
        if (override != null) {
            request.set("plan", override);
        }
        return STRICT.valueToTree(context.getBean(PlanInputs.class).apply(PlanInputs.read(request), now));
    }

    /** Where the functions are served: {@code <endpoint><beanName>}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        context.close();
    }
}
