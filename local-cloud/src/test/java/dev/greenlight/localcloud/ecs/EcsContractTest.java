package dev.greenlight.localcloud.ecs;

import dev.greenlight.localcloud.CloudFixture;
import dev.greenlight.localcloud.Poll;
import dev.greenlight.localcloud.TestTargets;
import dev.greenlight.localcloud.testapp.TestAppJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ECS calls a release makes, with the shapes it sends and the errors AWS answers with. */
class EcsContractTest {

    @TempDir
    Path dir;
    private CloudFixture fixture;
    private LocalEcs ecs;
    private String group;
    private String taskDefinition;

    @BeforeEach
    void start() {
        fixture = new CloudFixture(dir);
        ecs = fixture.cloud.ecs();
        group = fixture.targetGroup("blog-a");
        fixture.listener(Map.of(group, 1));
        taskDefinition = fixture.taskDefinition("blog", fixture.pushTestApp("v1"), Map.of("BLOG_VERSION", "v1"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void taskDefinitions_getRevisions_andDescribeByFamilyOrRevision() {
        String second = fixture.taskDefinition("blog", fixture.pushTestApp("v2"), Map.of("BLOG_VERSION", "v2"));

        assertThat(taskDefinition).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/blog:1");
        assertThat(second).endsWith("task-definition/blog:2");
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("blog")).taskDefinition().revision()).isEqualTo(2);
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("blog:1")).taskDefinition().containerDefinitions().get(0)
                .image()).endsWith("greenlight/blog:v1");
        assertThatThrownBy(() -> ecs.describeTaskDefinition(r -> r.taskDefinition("blog:9")))
                .isInstanceOf(ClientException.class).hasMessageContaining("Unable to describe task definition");
        assertThatThrownBy(() -> ecs.registerTaskDefinition(r -> r.family("blog").requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256").memory("4096").containerDefinitions(c -> c.name("blog").image("x"))))
                .isInstanceOf(ClientException.class).hasMessageContaining("No Fargate configuration exists");
        assertThatThrownBy(() -> ecs.registerTaskDefinition(r -> r.family("blog")))
                .isInstanceOf(InvalidParameterException.class);
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("blog:1"));
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("blog:1")).taskDefinition().status())
                .isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThatThrownBy(() -> fixture.createService("blog-a", taskDefinition, group, 1))
                .isInstanceOf(ClientException.class).hasMessageStartingWith("TaskDefinition is inactive");
    }

    @Test
    void createService_isIdempotentByClientToken_andRejectsADuplicateName() {
        Service created = fixture.createService("blog-a", taskDefinition, group, 1);
        Service again = fixture.createService("blog-a", taskDefinition, group, 1);

        assertThat(again.serviceArn()).isEqualTo(created.serviceArn())
                .isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/greenlight/blog-a");
        assertThat(again.deployments()).hasSize(1);
        assertThat(again.deployments().get(0).id()).isEqualTo(created.deployments().get(0).id()).startsWith("ecs-svc/");
        assertThatThrownBy(() -> ecs.createService(r -> r.cluster("greenlight").serviceName("blog-a")
                .taskDefinition(taskDefinition).desiredCount(1).clientToken("another-token")))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Creation of service was not idempotent.");
    }

    @Test
    void createService_validatesItsInputs() {
        assertThatThrownBy(() -> ecs.createService(r -> r.cluster("nope").serviceName("x").taskDefinition(taskDefinition).desiredCount(1)))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> ecs.createService(r -> r.cluster("greenlight").serviceName("x").taskDefinition("missing").desiredCount(1)))
                .isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> ecs.createService(r -> r.cluster("greenlight").serviceName("x").taskDefinition(taskDefinition)
                .desiredCount(1).loadBalancers(lb -> lb.targetGroupArn(group).containerName("blog").containerPort(9999))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("did not have a container port 9999");
        assertThatThrownBy(() -> ecs.createService(r -> r.cluster("greenlight").serviceName("x").taskDefinition(taskDefinition)
                .desiredCount(1).loadBalancers(lb -> lb.targetGroupArn(group + "0").containerName("blog").containerPort(8080))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Unable to find target group");
    }

    @Test
    void service_runsItsTasks_reachesSteadyState_andScales() {
        fixture.createService("blog-a", taskDefinition, group, 1);
        Poll.until(Duration.ofSeconds(30), "deployment COMPLETED", () -> rollout() == DeploymentRolloutState.COMPLETED);

        Service service = fixture.describe("blog-a");
        assertThat(service.runningCount()).isEqualTo(1);
        assertThat(service.events()).extracting(e -> e.message())
                .contains("(service blog-a) has reached a steady state.")
                .anyMatch(message -> message.matches("\\(service blog-a\\) has started 1 tasks: \\(task [0-9a-f]{32}\\)\\."));
        List<String> running = ecs.listTasks(r -> r.cluster("greenlight").serviceName("blog-a")).taskArns();
        Task task = ecs.describeTasks(r -> r.cluster("greenlight").tasks(running)).tasks().get(0);
        assertThat(task.lastStatus()).isEqualTo("RUNNING");
        assertThat(task.group()).isEqualTo("service:blog-a");
        assertThat(task.startedBy()).isEqualTo(service.deployments().get(0).id());

        ecs.updateService(r -> r.cluster("greenlight").service("blog-a").desiredCount(2));
        fixture.awaitHealthy(group, 2);
        ecs.updateService(r -> r.cluster("greenlight").service("blog-a").desiredCount(1));
        Poll.until(Duration.ofSeconds(20), "scale-in to one task", () -> fixture.describe("blog-a").runningCount() == 1
                && stopped("blog-a").size() == 1 && stopped("blog-a").get(0).lastStatus().equals("STOPPED"));
        assertThat(stopped("blog-a").get(0).stopCode()).isEqualTo(TaskStopCode.SERVICE_SCHEDULER_INITIATED);
    }

    @Test
    void stopTask_recordsTheUsersReason_andTheServiceStartsAReplacement() {
        fixture.createService("blog-a", taskDefinition, group, 1);
        fixture.awaitHealthy(group, 1);
        String first = ecs.listTasks(r -> r.cluster("greenlight").serviceName("blog-a")).taskArns().get(0);

        Task stopping = ecs.stopTask(r -> r.cluster("greenlight").task(first).reason("rehearsal")).task();

        assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
        Poll.until(Duration.ofSeconds(20), "a replacement RUNNING", () -> {
            List<String> running = ecs.listTasks(r -> r.cluster("greenlight").serviceName("blog-a")).taskArns();
            return running.size() == 1 && !running.get(0).equals(first) && fixture.healthyTargets(group) == 1;
        });
        Task stopped = stopped("blog-a").get(0);
        assertThat(stopped.stoppedReason()).isEqualTo("rehearsal");
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.USER_INITIATED);
    }

    @Test
    void updateService_withANewTaskDefinition_rollsOutANewDeployment_andRetiresTheOldOne() {
        fixture.createService("blog-a", taskDefinition, group, 1);
        Poll.until(Duration.ofSeconds(30), "first deployment COMPLETED", () -> rollout() == DeploymentRolloutState.COMPLETED);
        String second = fixture.taskDefinition("blog", fixture.pushTestApp("v2"), Map.of("BLOG_VERSION", "v2"));

        Service updating = ecs.updateService(r -> r.cluster("greenlight").service("blog-a").taskDefinition(second)).service();

        assertThat(updating.taskDefinition()).isEqualTo(second);
        assertThat(updating.deployments()).extracting(d -> d.status()).containsExactly("PRIMARY", "ACTIVE");
        assertThat(updating.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
        Poll.until(Duration.ofSeconds(30), "one COMPLETED deployment of the new revision", () -> {
            Service service = fixture.describe("blog-a");
            return service.deployments().size() == 1 && service.deployments().get(0).taskDefinition().equals(second)
                    && service.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED
                    && fixture.healthyTargets(group) == 1;
        });
        String runningRevision = ecs.describeTasks(r -> r.cluster("greenlight").tasks(ecs.listTasks(l -> l.cluster("greenlight")
                .serviceName("blog-a")).taskArns())).tasks().get(0).taskDefinitionArn();
        assertThat(runningRevision).isEqualTo(second);
        assertThat(stopped("blog-a")).singleElement().satisfies(task -> assertThat(task.taskDefinitionArn()).isEqualTo(taskDefinition));
    }

    @Test
    void aTaskSeesItsImagesEnvironment_overriddenByItsTaskDefinition() {
        String image = fixture.cloud.ecr().putImage(CloudFixture.REPOSITORY, "baked", TestAppJar.get(),
                Map.of("BLOG_VERSION", "from-image", "BLOG_FAULTS_ERROR_RATE", "0")).uri();
        fixture.createService("from-image", fixture.taskDefinition("a", image, Map.of()), group, 1);
        fixture.createService("overridden", fixture.taskDefinition("b", image, Map.of("BLOG_VERSION", "from-task")),
                fixture.targetGroup("blog-b"), 1);

        assertThat(versionAnsweredBy("from-image")).isEqualTo("from-image");
        assertThat(versionAnsweredBy("overridden")).isEqualTo("from-task");
    }

    private String versionAnsweredBy(String service) {
        Poll.until(Duration.ofSeconds(30), service + " RUNNING", () -> fixture.describe(service).runningCount() == 1);
        List<String> arns = ecs.listTasks(r -> r.cluster("greenlight").serviceName(service)).taskArns();
        int port = ecs.describeTasks(r -> r.cluster("greenlight").tasks(arns)).tasks().get(0).containers().get(0)
                .networkBindings().get(0).hostPort();
        return TestTargets.get(port, "/").headers().firstValue("X-App-Version").orElseThrow();
    }

    @Test
    void deleteService_needsScaleInOrForce_thenDrainsToInactive_andFreesTheName() {
        fixture.createService("blog-a", taskDefinition, group, 1);
        assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster("greenlight").service("blog-a")))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("The service cannot be stopped while it is scaled above 0.");

        Service deleting = ecs.deleteService(r -> r.cluster("greenlight").service("blog-a").force(true)).service();
        assertThat(deleting.status()).isEqualTo("DRAINING");
        assertThatThrownBy(() -> ecs.createService(r -> r.cluster("greenlight").serviceName("blog-a").taskDefinition(taskDefinition)
                .desiredCount(0).clientToken("while-draining"))).as("the name is not free while DRAINING")
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster("greenlight").service("blog-a").desiredCount(1)))
                .isInstanceOf(ServiceNotActiveException.class);
        Poll.until(Duration.ofSeconds(20), "INACTIVE", () -> fixture.describe("blog-a").status().equals("INACTIVE"));

        Service recreated = ecs.createService(r -> r.cluster("greenlight").serviceName("blog-a").taskDefinition(taskDefinition)
                .desiredCount(0).clientToken("second-life")).service();
        assertThat(recreated.status()).isEqualTo("ACTIVE");
    }

    @Test
    void unknownServicesAndTasks_areReportedAsAwsDoes() {
        var described = ecs.describeServices(r -> r.cluster("greenlight").services("ghost"));
        assertThat(described.services()).isEmpty();
        assertThat(described.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("MISSING");
            assertThat(failure.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/greenlight/ghost");
        });
        assertThat(ecs.describeTasks(r -> r.cluster("greenlight").tasks("0123")).failures().get(0).reason()).isEqualTo("MISSING");
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster("greenlight").service("ghost").desiredCount(1)))
                .isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster("greenlight").serviceName("ghost")))
                .isInstanceOf(ServiceNotFoundException.class);
    }

    @Test
    void aDeploymentWhoseTasksCannotStart_tripsTheCircuitBreaker() {
        String broken = fixture.taskDefinition("broken", "123456789012.dkr.ecr.us-east-1.amazonaws.com/greenlight/blog:missing",
                Map.of());
        ecs.createService(r -> r.cluster("greenlight").serviceName("broken").taskDefinition(broken).desiredCount(1)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));

        Poll.until(Duration.ofSeconds(30), "deployment FAILED",
                () -> fixture.describe("broken").deployments().get(0).rolloutState() == DeploymentRolloutState.FAILED);
        var deployment = fixture.describe("broken").deployments().get(0);
        assertThat(deployment.failedTasks()).isGreaterThanOrEqualTo(3);
        assertThat(deployment.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        Task failed = stopped("broken").get(0);
        assertThat(failed.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
        assertThat(failed.stoppedReason()).startsWith("CannotPullContainerError");
    }

    @Test
    void tasksFailingTheirLoadBalancerHealthChecks_areReplaced_untilTheCircuitBreakerTrips() {
        String notReady = fixture.taskDefinition("not-ready", fixture.pushTestApp("not-ready"),
                Map.of("BLOG_FAULTS_READINESS_DOWN", "true"));
        ecs.createService(r -> r.cluster("greenlight").serviceName("blog-a").taskDefinition(notReady).desiredCount(1)
                .loadBalancers(lb -> lb.targetGroupArn(group).containerName("blog").containerPort(8080))
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(false))));

        Poll.until(Duration.ofSeconds(45), "deployment FAILED", () -> rollout() == DeploymentRolloutState.FAILED);
        Task replaced = stopped("blog-a").get(0);
        assertThat(replaced.stoppedReason()).isEqualTo("Task failed ELB health checks in (target-group " + group + ")");
        assertThat(replaced.stopCode()).isEqualTo(TaskStopCode.SERVICE_SCHEDULER_INITIATED);
        assertThat(fixture.describe("blog-a").events()).extracting(e -> e.message())
                .contains("(service blog-a) (deployment " + fixture.describe("blog-a").deployments().get(0).id()
                        + ") deployment failed: tasks failed to start.");
    }

    private DeploymentRolloutState rollout() {
        return fixture.describe("blog-a").deployments().get(0).rolloutState();
    }

    private List<Task> stopped(String service) {
        List<String> arns = ecs.listTasks(r -> r.cluster("greenlight").serviceName(service).desiredStatus(DesiredStatus.STOPPED)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster("greenlight").tasks(arns)).tasks();
    }
}
