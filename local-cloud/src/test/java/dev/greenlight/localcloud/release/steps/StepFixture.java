package dev.greenlight.localcloud.release.steps;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.localcloud.CloudFixture;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.testapp.TestAppJar;
import dev.greenlight.release.PrepareOutcome;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseProperties;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.aws.Metrics;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.plan.GateThresholds;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.steps.Admission;
import dev.greenlight.release.steps.Forecaster;
import dev.greenlight.release.steps.GateWindow;
import dev.greenlight.release.steps.Lease;
import dev.greenlight.release.steps.Listener;
import dev.greenlight.release.steps.Preflight;
import dev.greenlight.release.steps.Prepare;
import dev.greenlight.release.steps.Timeline;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.release.store.ReleaseRecords;
import dev.greenlight.release.store.ReleasesTable;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The real collaborators the release steps are built from, as {@code ReleaseFunctionsApplication} wires them: a
 * fresh local cloud (ECS, ALB and CloudWatch, a scaled clock), and an empty Releases table on the shared dynalite.
 * Tests build each step with {@code new} from these fields and call its {@code apply}.
 *
 * <p>Slots A and B each have a target group. The production listener starts at A 100 / B 0 with nothing running
 * in A, so a first release goes to A; {@link #liveBlue} puts a blue service there for a second release, which goes
 * to B. The test listener starts on slot B, so a first release's DeployGreen visibly moves it. Tasks run the light
 * TestApp, which answers every request with {@code X-App-Version} set to its BLOG_VERSION: the tag, as Services
 * sets it for the blog.
 */
final class StepFixture implements AutoCloseable {

    static final String SERVICE = "blog";
    static final String TABLE = "Releases";
    static final String CLUSTER = "greenlight";
    static final int LEASE_SECONDS = 120;
    static final int QUEUE_POLL_SECONDS = 2;
    static final int HEALTH_TIMEOUT_SECONDS = 60;
    static final int CONTROL_POLL_SECONDS = 5;
    /** How long a test waits for tasks the local ECS starts: generous, as two cores may be busy elsewhere. */
    static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

    final CloudFixture cloud;
    final String targetGroupA;
    final String targetGroupB;
    final CloudFixture.Listening production;
    final CloudFixture.Listening test;
    final ReleaseProperties properties;

    final ReleaseRecords records;
    final ReleaseLock lock;
    final ReleaseQueue queue;
    final Services services;
    final Traffic traffic;
    final Metrics metrics;
    final Admission admission;
    final Lease lease;
    final Listener listener;
    final GateWindow gate;
    final Timeline timeline;

    private int executions;

    StepFixture(Path dir) {
        Dynalite dynalite = Dynalite.shared();
        dynalite.recreate(ReleasesTable.createRequest(TABLE));
        cloud = new CloudFixture(dir);
        targetGroupA = cloud.targetGroup("blog-a");
        targetGroupB = cloud.targetGroup("blog-b");
        production = cloud.listener(Map.of(targetGroupA, 100, targetGroupB, 0));
        test = cloud.listener(Map.of(targetGroupB, 1));
        properties = properties();

        records = new ReleaseRecords(dynalite.client(), TABLE);
        lock = new ReleaseLock(dynalite.client(), TABLE);
        queue = new ReleaseQueue(dynalite.client(), TABLE);
        services = new Services(cloud.cloud.ecs(), properties);
        traffic = new Traffic(cloud.cloud.elb());
        metrics = new Metrics(cloud.cloud.cloudWatch(), properties.loadBalancer());
        Duration leaseLength = Duration.ofSeconds(LEASE_SECONDS);
        admission = new Admission(new ReleaseLock(dynalite.client(), TABLE), new ReleaseQueue(dynalite.client(), TABLE),
                leaseLength);
        lease = new Lease(new ReleaseLock(dynalite.client(), TABLE), records, leaseLength);
        listener = new Listener(traffic, production.arn(), Map.of("A", targetGroupA, "B", targetGroupB), records);
        gate = new GateWindow(new GateReadings(metrics, properties.metricsResolutionSeconds()),
                properties.task().desiredCount());
        timeline = new Timeline(records);
    }

    /** The functions' configuration: one task per slot, a short plan, the local cloud's per-second metrics. */
    private ReleaseProperties properties() {
        ReleaseProperties.Task task = new ReleaseProperties.Task("greenlight-blog", "blog", 8080, "256", "512", 1,
                null, null, null, null, null, null, false, "FARGATE", Map.of(), null);
        return new ReleaseProperties(SERVICE, CLUSTER, production.arn(), test.arn(), "http://127.0.0.1:" + test.port(),
                cloud.balancer().substring(cloud.balancer().indexOf("app/")),
                Map.of("A", new ReleaseProperties.Slot(targetGroupA, "blog-a"),
                        "B", new ReleaseProperties.Slot(targetGroupB, "blog-b")),
                CloudFixture.REPOSITORY, repositoryUri(), TABLE, LEASE_SECONDS, QUEUE_POLL_SECONDS, 1,
                List.of("/", "/actuator/health/readiness"), 3, 1, new ReleaseProperties.Typical(3, 0.5, 0.02), task,
                plan());
    }

    /** 50% then 100%, short bakes; too little traffic to judge green goes on (a release may override it). */
    private static ReleasePlan plan() {
        GateThresholds gate = new GateThresholds(0.999, 0.25, 0.005, List.of(0.5, 0.9, 0.99), List.of(1.3, 1.3, 1.5),
                1.5, 0.99, 0.97, 2, 5000, 10, 30, 0.01, 0.01, List.of(), true);
        return new ReleasePlan(List.of(50, 100), List.of(4, 4), HEALTH_TIMEOUT_SECONDS, 1, CONTROL_POLL_SECONDS, 2,
                gate, ReleasePlan.InconclusivePolicy.PROCEED, 0, 0, 60, ReleasePlan.PauseTimeoutAction.ROLLBACK);
    }

    private String repositoryUri() {
        return cloud.cloud.ecr().imageUri(CloudFixture.REPOSITORY, "x").replace(":x", "");
    }

    /** Pushes the TestApp under a tag; the tag is baked in too, so every push is its own image and digest. */
    Image push(String tag) {
        return cloud.cloud.ecr().putImage(CloudFixture.REPOSITORY, tag, TestAppJar.get(), Map.of("TEST_BUILD", tag));
    }

    /** Pushes exactly the same image again under another tag: same content, same digest. */
    Image pushAgain(Image image, String tag) {
        return cloud.cloud.ecr().putImage(CloudFixture.REPOSITORY, tag, image.jar(), image.environment());
    }

    /** The "ECR Image Action" event EventBridge delivers for the push. */
    static Map<String, Object> pushEvent(Image image) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("result", "SUCCESS");
        detail.put("repository-name", image.repositoryName());
        detail.put("image-digest", image.digest());
        detail.put("action-type", "PUSH");
        detail.put("image-tag", image.tag());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", "push-" + image.tag());
        event.put("detail-type", "ECR Image Action");
        event.put("source", "aws.ecr");
        event.put("time", image.pushedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("detail", detail);
        return event;
    }

    /** The push event with a plan override, as an operator adds it to the execution input. */
    static Map<String, Object> pushEvent(Image image, Map<String, Object> plan) {
        Map<String, Object> event = pushEvent(image);
        event.put("plan", plan);
        return event;
    }

    /** Prepare's input for the event, in a new execution. */
    Prepare.Request prepareRequest(Map<String, Object> event, String now) {
        return new Prepare.Request(event, "exec-" + (++executions), now);
    }

    Prepare prepare() {
        return new Prepare(properties, admission, listener, services, new Preflight(metrics),
                new Forecaster(metrics, properties), records, timeline);
    }

    /** Prepares a release of the image that must proceed: the start of every later step's test. */
    ReleaseContext proceed(Image image) {
        return proceed(pushEvent(image));
    }

    ReleaseContext proceed(Map<String, Object> event) {
        ReleaseContext release = prepare().apply(prepareRequest(event, now()));
        if (release.outcome() != PrepareOutcome.PROCEED) {
            throw new IllegalStateException("the release did not proceed: " + release.outcome() + ", "
                    + release.reason());
        }
        return release;
    }

    /** A release over a live blue in slot A (running no task, enough for Prepare), deploying to slot B. */
    ReleaseContext releaseOverBlue() {
        return releaseOverBlue(Map.of());
    }

    /** The same, with a plan override. */
    ReleaseContext releaseOverBlue(Map<String, Object> plan) {
        liveBlue(push("v1"), 0);
        return proceed(pushEvent(push("v2"), plan));
    }

    /**
     * Makes the image live in slot A, as a finished release leaves it: its task definition, the blog-a service
     * running {@code tasks} tasks, and all of the production listener's traffic.
     */
    Service liveBlue(Image image, int tasks) {
        String taskDefinition = services.register(repositoryUri() + "@" + image.digest(), image.tag());
        cloud.shift(production.arn(), Map.of(targetGroupA, 100, targetGroupB, 0));
        return cloud.createService("blog-a", taskDefinition, targetGroupA, tasks);
    }

    /** Waits until the target group has one healthy target, the desired count. */
    void awaitHealthy(String targetGroupArn) {
        cloud.awaitHealthy(targetGroupArn, 1, TASK_TIMEOUT);
    }

    /** Someone else changes the production listener's weights, outside any release. */
    void setWeights(int a, int b) {
        cloud.shift(production.arn(), Map.of(targetGroupA, a, targetGroupB, b));
    }

    /** The lock passes to another release, as when this one's lease ran out and a newer push took over. */
    void passLockTo(String otherReleaseId, ReleaseContext from) {
        lock.release(SERVICE, from.releaseId());
        if (!lock.acquire(SERVICE, otherReleaseId, "exec-" + otherReleaseId, Instant.now(),
                Duration.ofSeconds(LEASE_SECONDS))) {
            throw new IllegalStateException("the lock could not pass to " + otherReleaseId);
        }
    }

    /** The production listener's weights by slot. */
    Map<String, Integer> weights() {
        Map<String, Integer> byArn = traffic.weights(production.arn());
        Map<String, Integer> bySlot = new LinkedHashMap<>();
        bySlot.put("A", byArn.getOrDefault(targetGroupA, 0));
        bySlot.put("B", byArn.getOrDefault(targetGroupB, 0));
        return bySlot;
    }

    /** The test listener's weights by target group. */
    Map<String, Integer> testWeights() {
        return traffic.weights(test.arn());
    }

    /** The ACTIVE services of the cluster, by name. */
    List<String> activeServices() {
        return List.of("blog-a", "blog-b").stream().filter(name -> services.active(name).isPresent()).toList();
    }

    Optional<String> lockHolder() {
        return lock.holder(SERVICE).map(ReleaseLock.Holder::releaseId);
    }

    ReleaseRecord record(ReleaseContext release) {
        return record(release.releaseId());
    }

    ReleaseRecord record(String releaseId) {
        return records.find(SERVICE, releaseId).orElseThrow(() -> new AssertionError("no record of " + releaseId));
    }

    /** How many task definition revisions Prepare and blue registered. */
    int taskDefinitionRevisions() {
        return cloud.cloud.ecs().listTaskDefinitions(r -> r.familyPrefix("greenlight-blog")).taskDefinitionArns()
                .size();
    }

    /** A step's input without a traffic step: DeployGreen, CheckGreenHealth, SmokeTest, FinishRelease... */
    static StepRequest request(ReleaseContext release, String now) {
        return new StepRequest(release, null, now, null, null, null, null, null, null, null);
    }

    /** A step's input at a traffic step: VerifyTraffic, ShiftTraffic. */
    static StepRequest request(ReleaseContext release, StepRequest.Step step, String now) {
        return new StepRequest(release, step, now, null, null, null, null, null, null, null);
    }

    /** Traffic step {@code index} of a two-step plan (50%, 100%) with its bake. */
    static StepRequest.Step step(int index, int percent, int bakeSeconds) {
        return new StepRequest.Step(index, 1, percent, bakeSeconds, 0, false, null);
    }

    /** Now, as the state machine writes a state's entered time. */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public void close() {
        cloud.close();
    }
}
