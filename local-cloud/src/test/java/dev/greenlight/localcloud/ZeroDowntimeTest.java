package dev.greenlight.localcloud;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blue/green under steady loopback traffic: weights shift in steps, the old service is scaled
 * down and deleted (deregister, drain, SIGTERM), and no request fails. Killing a task fails only
 * the requests it had in flight, and the service replaces it.
 */
class ZeroDowntimeTest {

    private static final int CONCURRENCY = 8;
    private static final HttpClient DIRECT = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private CloudFixture fixture;
    private String blueGroup;
    private String greenGroup;
    private CloudFixture.Listening listener;

    @BeforeEach
    void startBlue() {
        fixture = new CloudFixture(dir);
        blueGroup = fixture.targetGroup("blog-a");
        greenGroup = fixture.targetGroup("blog-b");
        listener = fixture.listener(weights(1, 0));
        String blue = fixture.taskDefinition("blog", fixture.pushTestApp("v1"),
                Map.of("BLOG_VERSION", "v1", "BLOG_FAULTS_LATENCY_MS", "20"));
        fixture.createService("blog-a", blue, blueGroup, 2);
        fixture.awaitHealthy(blueGroup, 2);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shiftingWeightsAndRetiringBlue_failsNoRequest() throws Exception {
        try (LoadGenerator load = new LoadGenerator("http://127.0.0.1:" + listener.port() + "/", CONCURRENCY, 60_000,
                Duration.ofSeconds(60)).start()) {
            String green = fixture.taskDefinition("blog", fixture.pushTestApp("v2"),
                    Map.of("BLOG_VERSION", "v2", "BLOG_FAULTS_LATENCY_MS", "20"));
            fixture.createService("blog-b", green, greenGroup, 2);
            fixture.awaitHealthy(greenGroup, 2);

            for (int[] step : new int[][]{{90, 10}, {50, 50}, {0, 100}}) {
                fixture.shift(listener.arn(), weights(step[0], step[1]));
                bake(load);
            }
            fixture.cloud.ecs().updateService(r -> r.cluster("greenlight").service("blog-a").desiredCount(0));
            fixture.cloud.ecs().deleteService(r -> r.cluster("greenlight").service("blog-a"));
            Poll.until(Duration.ofSeconds(30), "blog-a INACTIVE", () -> fixture.describe("blog-a").status().equals("INACTIVE"));
            long greenBefore = load.answeredBy("v2");
            bake(load);
            load.close();

            assertThat(load.failuresByKind()).as("failed requests").isEmpty();
            assertThat(load.answeredBy("v1")).as("answered by blue").isPositive();
            assertThat(load.answeredBy("v2")).as("answered by green after blue was retired").isGreaterThan(greenBefore);
            assertThat(fixture.cloud.elb().describeTargetHealth(r -> r.targetGroupArn(blueGroup)).targetHealthDescriptions())
                    .as("blue targets left").isEmpty();
        }
        List<Task> stopped = stoppedTasks("blog-a");
        assertThat(stopped).hasSize(2).allSatisfy(task -> {
            assertThat(task.stopCode()).isEqualTo(TaskStopCode.SERVICE_SCHEDULER_INITIATED);
            assertThat(task.stoppedReason()).startsWith("Scaling activity initiated by (deployment ecs-svc/");
            assertThat(task.containers().get(0).exitCode()).as("exit code after SIGTERM").isEqualTo(143);
        });
    }

    @Test
    void killingATask_failsOnlyItsInFlightRequests_andTheServiceReplacesIt() throws Exception {
        try (LoadGenerator load = new LoadGenerator("http://127.0.0.1:" + listener.port() + "/", CONCURRENCY, 60_000,
                Duration.ofSeconds(60)).start()) {
            bake(load);
            Set<Integer> before = healthyPorts();
            Task task = fixture.cloud.ecs().describeTasks(r -> r.cluster("greenlight").tasks(fixture.cloud.ecs()
                    .listTasks(l -> l.cluster("greenlight").serviceName("blog-a")).taskArns().get(0))).tasks().get(0);
            ProcessHandle victim = ProcessHandle.of(Long.parseLong(task.containers().get(0).runtimeId())).orElseThrow();
            int victimPort = task.containers().get(0).networkBindings().get(0).hostPort();
            // Kill it the moment it is seen answering: then there are requests in flight to lose.
            Poll.until(Duration.ofSeconds(10), "a request in flight on the victim", () -> inFlight(victimPort) > 0);
            victim.destroyForcibly();
            victim.onExit().join();
            Poll.until(Duration.ofSeconds(30), "the dead task deregistered and a healthy replacement", () -> {
                Set<Integer> now = healthyPorts();
                return now.size() == 2 && !now.equals(before) && fixture.cloud.elb().describeTargetHealth(
                        r -> r.targetGroupArn(blueGroup)).targetHealthDescriptions().size() == 2;
            });
            long recovered = System.nanoTime();
            bake(load);
            load.close();

            assertThat(load.failed()).as("failures: only requests in flight on the killed task").isBetween(1L, (long) CONCURRENCY);
            assertThat(load.failuresByKind()).as("the balancer answers 502 for them").containsOnlyKeys("502");
            assertThat(load.failedSince(recovered)).as("failures after recovery").isZero();
        }
        Task killed = stoppedTasks("blog-a").get(0);
        assertThat(killed.stopCode()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(killed.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(killed.containers().get(0).exitCode()).isEqualTo(137);
        assertThat(fixture.describe("blog-a").deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
    }

    /** Requests the test app on this port is answering right now. */
    private static int inFlight(int port) {
        try {
            return Integer.parseInt(DIRECT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test/in-flight"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body().trim());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<Integer> healthyPorts() {
        return fixture.cloud.elb().describeTargetHealth(r -> r.targetGroupArn(blueGroup)).targetHealthDescriptions().stream()
                .filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
                .map(d -> d.target().port()).collect(Collectors.toSet());
    }

    private List<Task> stoppedTasks(String service) {
        List<String> arns = fixture.cloud.ecs().listTasks(r -> r.cluster("greenlight").serviceName(service)
                .desiredStatus(DesiredStatus.STOPPED)).taskArns();
        Poll.until(Duration.ofSeconds(20), "tasks STOPPED", () -> fixture.cloud.ecs()
                .describeTasks(r -> r.cluster("greenlight").tasks(arns)).tasks().stream()
                .allMatch(task -> task.lastStatus().equals("STOPPED")));
        return fixture.cloud.ecs().describeTasks(r -> r.cluster("greenlight").tasks(arns)).tasks();
    }

    /** Lets a few hundred more requests through before the next step. */
    private static void bake(LoadGenerator load) {
        long target = load.total() + 300;
        Poll.until(Duration.ofSeconds(20), "300 more requests", () -> load.total() >= target);
    }

    private Map<String, Integer> weights(int blue, int green) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(blueGroup, blue);
        weights.put(greenGroup, green);
        return weights;
    }
}
