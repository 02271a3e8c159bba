package dev.greenlight.localcloud.system;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.localcloud.Timing;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.ecr.LocalEcr;
import dev.greenlight.localcloud.events.EcrPushEvents;
import dev.greenlight.localcloud.events.LocalEventBridge;
import dev.greenlight.localcloud.events.ReleaseTrigger;
import dev.greenlight.localcloud.sfn.LocalStepFunctions;
import dev.greenlight.localcloud.sfn.SfnApiServer;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.release.store.ReleaseRecords;
import dev.greenlight.release.store.ReleasesTable;
import dev.greenlight.statemachine.LocalAws;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.SystemTimer;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole release pipeline on one machine, as {@code ./greenlight up} runs it: the local ECR, ECS, ALB (the
 * blog's listener and the test listener) and CloudWatch; the release functions served over HTTP; the local
 * Step Functions running {@code release.asl.json} behind its AWS API; EventBridge with the ECR push rule; and
 * a control API for pushes. The Releases and BlogPosts tables are in dynalite, whose data survives restarts
 * with the ECR images. At start it ends what the previous run left unfinished ({@link StartupRecovery}) and
 * releases the last released version again, or the current build the first time, then writes
 * {@code cloud.json}, which tells the CLI where everything is.
 */
public final class LocalSystem implements AutoCloseable {

    static final String REPOSITORY = "greenlight-blog";
    static final String STATE_MACHINE = "greenlight-release";
    static final String CLUSTER = "greenlight";
    static final String SERVICE = "blog";
    static final String TABLE = "Releases";
    /** The local release plan and settings, which the environment of {@code ./greenlight up} may override. */
    static final String LOCAL_PLAN = "classpath:/dev/greenlight/localcloud/system/local-release.properties";
    /** The local ALB and ECS run AWS's durations (health-check intervals, deregistration delay) 5 times faster. */
    static final Timing TIMING = new Timing(Duration.ofMillis(200));
    private static final Duration FUNCTION_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(LocalSystem.class);

    private final SystemConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private DynamoDbClient dynamoDb;
    private LocalCloud cloud;
    private LocalStepFunctions stepFunctions;
    private LocalEventBridge bus;
    private String machineArn;
    private SfnApiServer sfnApi;
    private ControlApi control;
    private Infrastructure infrastructure;
    private Map<String, String> releaseProperties;

    private LocalSystem(SystemConfig config) {
        this.config = config;
    }

    public static void main(String[] args) {
        SystemConfig config;
        try {
            config = SystemConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("greenlight: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            LocalSystem system = start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "shutdown"));
            Optional<Execution> first = system.releaseAtStart();
            system.writeCloudJson(first.orElse(null));
            LOG.info("Greenlight local system is up");
        } catch (Exception e) {
            LOG.error("the local system could not start", e);
            System.exit(2);
        }
    }

    /** Starts every service; nothing is released yet. */
    public static LocalSystem start(SystemConfig config) throws Exception {
        LocalSystem system = new LocalSystem(config);
        try {
            system.startServices();
            return system;
        } catch (Exception | Error e) {
            system.close();
            throw e;
        }
    }

    private void startServices() throws Exception {
        Path cloudDir = config.stateDir().resolve("cloud");
        Files.createDirectories(cloudDir);
        dynamoDb = DynamoDbClient.builder().endpointOverride(config.dynamoDbEndpoint())
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        resources.add(dynamoDb);
        releaseProperties = new LinkedHashMap<>();
        releaseProperties.put("greenlight.service", SERVICE);
        releaseProperties.put("greenlight.cluster", CLUSTER);
        releaseProperties.put("greenlight.releases-table", TABLE);
        createTableIfMissing(TABLE);

        cloud = new LocalCloud(new LocalCloud.Config(LocalAws.REGION, LocalAws.ACCOUNT, cloudDir, TIMING,
                Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofHours(3), List.of()));
        resources.add(cloud);
        infrastructure = Infrastructure.create(cloud, REPOSITORY, CLUSTER, config.blogPort(), config.testPort());
        releaseProperties.putAll(infrastructure.releaseProperties(cloud, REPOSITORY));
        releaseProperties.putAll(taskEnvironment());

        recovery().recover(Instant.now()).forEach(ended -> LOG.info("release {} was interrupted: {} ({})",
                ended.releaseId(), ended.state(), ended.reason()));
        startPipeline();
    }

    /** The release functions, Step Functions behind its API, EventBridge with the push rule, the control API. */
    private void startPipeline() throws Exception {
        FunctionHost functions = FunctionHost.start(cloud, dynamoDb, LOCAL_PLAN, releaseProperties);
        resources.add(functions);
        SystemTimer timer = new SystemTimer();
        stepFunctions = new LocalStepFunctions(
                new LambdaTaskRegistry(new HttpLambdaInvoker(functions.endpoint(), FUNCTION_TIMEOUT)), timer,
                LocalAws.REGION, LocalAws.ACCOUNT);
        resources.add(stepFunctions);
        machineArn = stepFunctions.createStateMachine(STATE_MACHINE,
                LocalLambdas.releaseMachine(LocalAws.REGION, LocalAws.ACCOUNT));
        sfnApi = SfnApiServer.start(stepFunctions, 0);
        resources.add(sfnApi);
        bus = new LocalEventBridge(LocalAws.REGION, LocalAws.ACCOUNT);
        ReleaseTrigger.install(bus, REPOSITORY, stepFunctions, machineArn);
        control = ControlApi.start(new ControlApi.Operations() {
            @Override
            public ControlApi.Publication publish(String tag, Path jar, Map<String, String> env, JsonNode plan) {
                if (plan != null) {
                    functions.checkPlan(plan);
                }
                return LocalSystem.this.publish(tag, jar, env, plan);
            }

            @Override
            public ControlApi.Publication putEvent(JsonNode event) {
                return LocalSystem.this.putEvent((ObjectNode) event, null);
            }
        });
        resources.add(control);
    }

    /**
     * Releases the version that should be live: the last one released here, or else the current build. Its
     * push event is emitted again, with the current time, so it is a new release; with nothing running it
     * goes straight to 100%.
     *
     * @return the release's execution, ended; empty when there was nothing to release
     */
    public Optional<Execution> releaseAtStart() throws InterruptedException {
        Optional<ReleaseRecord> live = recovery().lastReleased();
        Image image;
        if (live.isPresent()) {
            image = cloud.ecr().describeImages(REPOSITORY).stream()
                    .filter(candidate -> candidate.digest().equals(live.get().digest())).findFirst()
                    .orElse(null);
            if (image == null) {
                LOG.warn("the last released image {} is no longer in the registry", live.get().tag());
                return Optional.empty();
            }
            LOG.info("releasing {} again, the version live when the local system last ran", image.tag());
        } else {
            image = cloud.ecr().describeImages(REPOSITORY).stream().filter(i -> i.tag().equals(config.firstTag()))
                    .findFirst().orElseGet(() -> cloud.ecr().putImage(REPOSITORY, config.firstTag(),
                            config.firstJar(), bakedEnvironment(cloud.ecr(), config.firstTag(), config.firstJar(), Map.of())));
            LOG.info("releasing the current build as {}", image.tag());
        }
        ObjectNode event = EcrPushEvents.of(image, LocalAws.REGION, LocalAws.ACCOUNT);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        ControlApi.Publication started = putEvent(event, image);
        if (started.executions().isEmpty()) {
            return Optional.empty();
        }
        Execution execution = stepFunctions.execution(started.executions().get(0));
        if (!execution.await(10, TimeUnit.MINUTES)) {
            LOG.warn("the start-up release is still running after 10 minutes");
        }
        LOG.info("start-up release of {}: {}", image.tag(), execution.status());
        return Optional.of(execution);
    }

    /** Pushes a jar to the local ECR and emits ECR's push event, with a plan override if given. */
    ControlApi.Publication publish(String tag, Path jar, Map<String, String> env, JsonNode plan) {
        Image image = cloud.ecr().putImage(REPOSITORY, tag, jar, bakedEnvironment(cloud.ecr(), tag, jar, env));
        ObjectNode event = EcrPushEvents.of(image, LocalAws.REGION, LocalAws.ACCOUNT);
        if (plan != null) {
            event.set("plan", plan);
        }
        return putEvent(event, image);
    }

    private ControlApi.Publication putEvent(ObjectNode event, Image image) {
        List<String> rules = bus.putEvent(event);
        JsonNode id = event.get("id");
        List<String> executions = stepFunctions.executions(machineArn, null).stream()
                .filter(execution -> id != null && id.equals(execution.input().get("id")))
                .map(Execution::executionArn).toList();
        return new ControlApi.Publication(image, rules, executions);
    }

    /**
     * The variables baked into a pushed image. The blog reports {@code BLOG_VERSION} in every response; unless
     * the push sets it, it is the tag, as an image built for that tag would carry. Pushing the same jar with
     * the same variables again under another tag reuses the first image's version, so it is the same image
     * (same digest), as re-tagging an image is on ECR.
     */
    static Map<String, String> bakedEnvironment(LocalEcr ecr, String tag, Path jar, Map<String, String> env) {
        Map<String, String> baked = new TreeMap<>(env);
        if (baked.containsKey("BLOG_VERSION")) {
            return baked;
        }
        for (Image existing : ecr.imagesOfJar(REPOSITORY, jar)) {
            Map<String, String> others = new TreeMap<>(existing.environment());
            String version = others.remove("BLOG_VERSION");
            if (others.equals(baked) && version != null) {
                baked.put("BLOG_VERSION", version);
                return baked;
            }
        }
        baked.put("BLOG_VERSION", tag);
        return baked;
    }

    /** Writes {@code cloud.json}: where the CLI finds each service. Written last, so its presence means "up". */
    void writeCloudJson(Execution first) throws IOException {
        ObjectNode json = Json.object();
        json.put("region", LocalAws.REGION);
        json.put("account", LocalAws.ACCOUNT);
        json.put("service", SERVICE);
        json.put("repository", REPOSITORY);
        json.put("stateMachineArn", machineArn);
        json.put("releasesTable", TABLE);
        json.put("sfnEndpoint", sfnApi.endpoint().toString());
        json.put("dynamodbEndpoint", config.dynamoDbEndpoint().toString());
        json.put("controlEndpoint", control.endpoint().toString());
        json.put("blogUrl", "http://127.0.0.1:" + infrastructure.blogPort() + "/");
        json.put("testUrl", "http://127.0.0.1:" + infrastructure.testPort() + "/");
        json.put("pid", ProcessHandle.current().pid());
        if (first != null) {
            ObjectNode startup = json.putObject("startup");
            startup.put("executionArn", first.executionArn());
            startup.put("status", first.status().name());
            startup.put("tag", first.input().at("/detail/image-tag").asString(""));
            if (first.cause() != null) {
                startup.put("cause", first.cause());
            }
        }
        Path file = config.stateDir().resolve("cloud.json");
        Path staged = config.stateDir().resolve("cloud.json.tmp");
        Files.writeString(staged, Json.write(json));
        Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * What every blog task gets besides its image's variables: dynalite, the local author and session key, and
     * the address readers use, which the feed's links start with.
     */
    private Map<String, String> taskEnvironment() {
        Map<String, String> environment = new TreeMap<>();
        environment.put("BLOG_BASE_URL", "http://127.0.0.1:" + infrastructure.blogPort());
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        environment.put("GREENLIGHT_STATE_DIR", config.stateDir().toString());
        environment.put("BLOG_DYNAMODB_ENDPOINT", config.dynamoDbEndpoint().toString());
        environment.put("BLOG_DYNAMODB_REGION", LocalAws.REGION);
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        Map<String, String> properties = new TreeMap<>();
        environment.forEach((name, value) -> properties.put("greenlight.task.environment." + name, value));
        return properties;
    }

    private StartupRecovery recovery() {
        return new StartupRecovery(new ReleaseRecords(dynamoDb, TABLE), new ReleaseLock(dynamoDb, TABLE),
                new ReleaseQueue(dynamoDb, TABLE), SERVICE);
    }

    private void createTableIfMissing(String table) {
        try {
            dynamoDb.createTable(ReleasesTable.createRequest(table));
        } catch (ResourceInUseException exists) {
            // kept from the last run
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    public String stateMachineArn() {
        return machineArn;
    }

    public URI sfnEndpoint() {
        return sfnApi.endpoint();
    }

    public URI controlEndpoint() {
        return control.endpoint();
    }

    public LocalCloud cloud() {
        return cloud;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("could not stop {}: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }
}
