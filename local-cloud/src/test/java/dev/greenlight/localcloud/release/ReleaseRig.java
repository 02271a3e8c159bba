package dev.greenlight.localcloud.release;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.localcloud.CloudFixture;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.system.LocalLambdas;
import dev.greenlight.release.ReleaseFunctionsApplication;
import dev.greenlight.release.store.ReleaseRecords;
import dev.greenlight.release.store.ReleasesTable;
import dev.greenlight.statemachine.LocalAws;
import dev.greenlight.statemachine.engine.Engine;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.StateMachine;
import dev.greenlight.statemachine.engine.SystemTimer;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole release in one JVM: the real release.asl.json on the local engine (real time), the real release
 * functions (their Spring context, invoked across JSON), the local ECS, ALB and CloudWatch stand-ins running
 * real blog processes, and dynalite for the Releases and BlogPosts tables.
 *
 * <p>The plan is short: 50% then 100%, 4 s bakes, a 2 s termination wait, so a release takes about half a
 * minute, most of it the blog starting.
 */
final class ReleaseRig implements AutoCloseable {

    static final String SERVICE = "blog";
    static final String REPOSITORY = CloudFixture.REPOSITORY;

    final CloudFixture fixture;
    final String targetGroupA;
    final String targetGroupB;
    final CloudFixture.Listening listener;
    final CloudFixture.Listening testListener;
    final ConfigurableApplicationContext functions;
    final InProcessFunctions invoker;
    final ReleaseRecords records;
    private final Engine engine;
    private final StateMachine machine;
    private final Path blogJar;
    private int executions;

    ReleaseRig(Path dir) throws Exception {
        this(dir, Map.of());
    }

    /** @param overrides function properties that replace the rig's ({@code greenlight.*}) */
    ReleaseRig(Path dir, Map<String, Object> overrides) throws Exception {
        Dynalite dynalite = Dynalite.shared();
        dynalite.recreate(ReleasesTable.createRequest("Releases"));
        blogJar = BlogJar.path();
        fixture = new CloudFixture(dir);
        targetGroupA = fixture.targetGroup("blog-a");
        targetGroupB = fixture.targetGroup("blog-b");
        listener = fixture.listener(Map.of(targetGroupA, 100, targetGroupB, 0));
        testListener = fixture.listener(Map.of(targetGroupA, 1));
        functions = startFunctions(dynalite, overrides);
        invoker = new InProcessFunctions(functions.getBean(FunctionCatalog.class));
        records = new ReleaseRecords(dynalite.client(), "Releases");
        engine = new Engine(new LambdaTaskRegistry(invoker), new SystemTimer(), new Random(), LocalAws.REGION,
                LocalAws.ACCOUNT);
        machine = LocalLambdas.releaseMachine(LocalAws.REGION, LocalAws.ACCOUNT);
    }

    private ConfigurableApplicationContext startFunctions(Dynalite dynalite, Map<String, Object> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("greenlight.service", SERVICE);
        properties.put("greenlight.cluster", "greenlight");
        properties.put("greenlight.listener-arn", listener.arn());
        properties.put("greenlight.test-listener-arn", testListener.arn());
        properties.put("greenlight.test-listener-url", "http://127.0.0.1:" + testListener.port());
        properties.put("greenlight.load-balancer", fixture.balancer().substring(fixture.balancer().indexOf("app/")));
        properties.put("greenlight.slots.a.target-group-arn", targetGroupA);
        properties.put("greenlight.slots.a.service-name", "blog-a");
        properties.put("greenlight.slots.b.target-group-arn", targetGroupB);
        properties.put("greenlight.slots.b.service-name", "blog-b");
        properties.put("greenlight.repository-name", REPOSITORY);
        properties.put("greenlight.repository-uri", fixture.cloud.ecr().imageUri(REPOSITORY, "x").replace(":x", ""));
        properties.put("greenlight.releases-table", "Releases");
        properties.put("greenlight.lock-lease-seconds", 120);
        properties.put("greenlight.queue-poll-seconds", 2);
        properties.put("greenlight.deregistration-delay-seconds", 1);
        properties.put("greenlight.smoke-requests", 8);
        properties.put("greenlight.task.desired-count", 1);
        properties.put("greenlight.task.cpu", "256");
        properties.put("greenlight.task.memory", "512");
        Map<String, String> environment = new TreeMap<>();
        environment.put("BLOG_DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
        environment.put("BLOG_DYNAMODB_REGION", Dynalite.REGION.id());
        environment.put("AWS_ACCESS_KEY_ID", Dynalite.ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", Dynalite.SECRET_KEY);
        environment.put("BLOG_SESSION_SECRET", "release-rig-session-secret-0123456789abcdef");
        environment.put("BLOG_DYNAMODB_CREATE_TABLES", "true");
        environment.forEach((name, value) -> properties.put("greenlight.task.environment." + name, value));
        properties.put("greenlight.plan.steps", "50,100");
        properties.put("greenlight.plan.bake-seconds", "4,4");
        // a blog starting beside a load generator on two cores has been seen to take 40 s before it listens
        properties.put("greenlight.plan.health-timeout-seconds", 150);
        properties.put("greenlight.plan.health-poll-seconds", 1);
        properties.put("greenlight.plan.control-poll-seconds", 1);
        properties.put("greenlight.plan.termination-wait-seconds", 2);
        // the local CloudWatch keeps metrics per second; too little traffic to judge green goes on at once
        properties.put("greenlight.metrics-resolution-seconds", 1);
        properties.put("greenlight.plan.inconclusive-policy", "PROCEED");
        properties.put("greenlight.plan.max-inconclusive-extensions", 0);
        properties.put("greenlight.plan.max-extension-seconds", 0);
        properties.put("greenlight.plan.gate.warmup-seconds", 2);
        properties.put("greenlight.plan.gate.baseline-seconds", 30);
        properties.put("logging.structured.format.console", "");
        properties.putAll(overrides);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ReleaseFunctionsApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> {
                    GenericApplicationContext generic = (GenericApplicationContext) context;
                    generic.registerBean(EcsClient.class, () -> fixture.cloud.ecs(), bd -> bd.setDestroyMethodName(""));
                    generic.registerBean(ElasticLoadBalancingV2Client.class, () -> fixture.cloud.elb(),
                            bd -> bd.setDestroyMethodName(""));
                    generic.registerBean(CloudWatchClient.class, () -> fixture.cloud.cloudWatch(),
                            bd -> bd.setDestroyMethodName(""));
                    generic.registerBean(DynamoDbClient.class, dynalite::client, bd -> bd.setDestroyMethodName(""));
                })
                .run(args);
    }

    /**
     * Pushes the blog jar as a new build: {@code env} is baked into the image, like ENV in a Dockerfile, plus
     * BLOG_BUILD naming the tag, so every push is a distinct image with its own digest.
     */
    Image push(String tag, Map<String, String> env) {
        Map<String, String> build = new TreeMap<>(env);
        build.put("BLOG_BUILD", tag);
        return fixture.cloud.ecr().putImage(REPOSITORY, tag, blogJar, build);
    }

    /** Pushes exactly this image content again under another tag: same jar, same variables, same digest. */
    Image pushAgain(Image image, String tag) {
        return fixture.cloud.ecr().putImage(REPOSITORY, tag, blogJar, image.environment());
    }

    /** Starts a release of the pushed image from its ECR push event, optionally with a plan override. */
    Execution release(Image image, String plan) {
        ObjectNode event = (ObjectNode) Json.parse("""
                {"version": "0", "id": "%s", "detail-type": "ECR Image Action", "source": "aws.ecr",
                 "account": "123456789012", "time": "%s", "region": "us-east-1", "resources": [],
                 "detail": {"result": "SUCCESS", "repository-name": "%s", "image-digest": "%s",
                            "action-type": "PUSH", "image-tag": "%s"}}"""
                .formatted("push-" + image.tag(), image.pushedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        REPOSITORY, image.digest(), image.tag()));
        if (plan != null) {
            event.set("plan", Json.parse(plan));
        }
        return engine.start(machine, "greenlight-release", "release-" + (++executions) + "-" + image.tag(), event);
    }

    /** Runs a release to its end. */
    Execution releaseAndWait(Image image) throws InterruptedException {
        Execution execution = release(image, null);
        return await(execution);
    }

    static Execution await(Execution execution) throws InterruptedException {
        return execution.await();
    }

    /** The production listener's weights by slot. */
    Map<String, Integer> weights() {
        Map<String, Integer> bySlot = new LinkedHashMap<>();
        Map<String, Integer> byArn = new LinkedHashMap<>();
        fixture.cloud.elb().describeListeners(r -> r.listenerArns(listener.arn())).listeners().get(0).defaultActions()
                .forEach(a -> a.forwardConfig().targetGroups().forEach(t -> byArn.put(t.targetGroupArn(), t.weight())));
        bySlot.put("A", byArn.getOrDefault(targetGroupA, 0));
        bySlot.put("B", byArn.getOrDefault(targetGroupB, 0));
        return bySlot;
    }

    /** Names of the ACTIVE services of the cluster. */
    List<String> activeServices() {
        List<String> active = new ArrayList<>();
        for (String name : List.of("blog-a", "blog-b")) {
            fixture.cloud.ecs().describeServices(r -> r.cluster("greenlight").services(name)).services().stream()
                    .filter(s -> "ACTIVE".equals(s.status())).forEach(s -> active.add(s.serviceName()));
        }
        return active;
    }

    long healthy(String targetGroupArn) {
        return fixture.cloud.elb().describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions()
                .stream().filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY).count();
    }

    String blogUrl() {
        return "http://127.0.0.1:" + listener.port() + "/";
    }

    static List<String> states(Execution execution) {
        return execution.history().stream().filter(e -> e.type().endsWith("StateEntered"))
                .map(e -> e.stateName()).toList();
    }

    static JsonNode output(Execution execution) {
        return execution.output();
    }

    @Override
    public void close() {
        engine.close();
        functions.close();
        fixture.close();
    }

    static Duration releaseTimeout() {
        return Duration.ofMinutes(3);
    }
}
