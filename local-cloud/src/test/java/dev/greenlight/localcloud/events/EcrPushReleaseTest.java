package dev.greenlight.localcloud.events;

import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.ecr.LocalEcr;
import dev.greenlight.localcloud.sfn.LocalStepFunctions;
import dev.greenlight.localcloud.sfn.SfnApiServer;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.ExecutionStatus;
import dev.greenlight.statemachine.engine.StateMachine;
import dev.greenlight.statemachine.engine.SystemTimer;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import dev.greenlight.statemachine.task.StubLambdas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An ECR push reaches the release state machine through EventBridge and the real ecr-push pattern. */
class EcrPushReleaseTest {

    private static final String BLOG = "greenlight-blog";
    private static final String OTHER = "greenlight-tools";

    @TempDir
    Path dir;

    private LocalEcr ecr;
    private LocalStepFunctions stepFunctions;
    private LocalEventBridge bus;
    private String machineArn;
    private Path jar;

    @BeforeEach
    void wire() throws Exception {
        ecr = new LocalEcr(dir.resolve("ecr"), "123456789012.dkr.ecr.us-east-1.amazonaws.com");
        ecr.createRepository(BLOG);
        ecr.createRepository(OTHER);
        jar = Files.write(dir.resolve("blog.jar"), new byte[] {1, 2, 3});
        SystemTimer timer = new SystemTimer();
        stepFunctions = new LocalStepFunctions(new LambdaTaskRegistry(new StubLambdas(timer)), timer, "us-east-1",
                "123456789012");
        machineArn = stepFunctions.createStateMachine("greenlight-release",
                StateMachine.parse("{\"StartAt\": \"Echo\", \"States\": {\"Echo\": {\"Type\": \"Pass\", \"End\": true}}}"));
        bus = new LocalEventBridge("us-east-1", "123456789012");
        ReleaseTrigger.install(bus, BLOG, stepFunctions, machineArn);
        EcrPushEvents.forward(ecr, bus);
    }

    @AfterEach
    void close() {
        stepFunctions.close();
    }

    @Test
    void pushToTheBlogRepository_startsAReleaseWithTheEcrEvent() throws Exception {
        Image image = ecr.putImage(BLOG, "v2", jar);

        List<Execution> executions = stepFunctions.executions(machineArn, null);

        assertThat(executions).hasSize(1);
        Execution release = executions.get(0);
        assertThat(release.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(release.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode event = release.input();
        assertThat(event.get("id").asString()).isNotBlank();
        ObjectNode withoutId = ((ObjectNode) event.deepCopy());
        withoutId.remove("id");
        assertThat(withoutId).isEqualTo(Json.parse("""
                {"version": "0", "detail-type": "ECR Image Action", "source": "aws.ecr", "account": "123456789012",
                 "time": "%s", "region": "us-east-1", "resources": [],
                 "detail": {"result": "SUCCESS", "repository-name": "greenlight-blog", "image-digest": "%s",
                            "action-type": "PUSH", "image-tag": "v2"}}"""
                .formatted(image.pushedAt().truncatedTo(ChronoUnit.SECONDS), image.digest())));
        assertThat(event.get("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(release.output()).isEqualTo(event);
    }

    @Test
    void aReleaseStartedByAPush_isSeenThroughTheStepFunctionsApi() throws Exception {
        Image image = ecr.putImage(BLOG, "v2", jar);

        try (SfnApiServer api = SfnApiServer.start(stepFunctions, 0);
             SfnClient client = SfnClient.builder().endpointOverride(api.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            List<ExecutionListItem> releases = client.listExecutions(r -> r.stateMachineArn(machineArn)).executions();

            assertThat(releases).hasSize(1);
            String input = client.describeExecution(r -> r.executionArn(releases.get(0).executionArn())).input();
            assertThat(Json.parse(input).at("/detail/image-digest").asString()).isEqualTo(image.digest());
        }
    }

    @Test
    void eachPush_startsItsOwnExecution() {
        ecr.putImage(BLOG, "v2", jar);
        ecr.putImage(BLOG, "v3", jar);

        assertThat(stepFunctions.executions(machineArn, null))
                .extracting(execution -> execution.input().at("/detail/image-tag").asString())
                .containsExactly("v3", "v2");
    }

    @Test
    void pushToAnotherRepository_startsNothing() {
        ecr.putImage(OTHER, "v2", jar);

        assertThat(stepFunctions.executions(machineArn, null)).isEmpty();
    }

    @Test
    void deletesFailuresUntaggedAndMalformedEvents_doNotMatch() {
        ObjectNode push = EcrPushEvents.of(ecr.putImage(BLOG, "v2", jar), "us-east-1", "123456789012");
        ObjectNode delete = push.deepCopy();
        ((ObjectNode) delete.get("detail")).put("action-type", "DELETE");
        ObjectNode failure = push.deepCopy();
        ((ObjectNode) failure.get("detail")).put("result", "FAILURE");
        ObjectNode untagged = push.deepCopy();
        ((ObjectNode) untagged.get("detail")).remove("image-tag");
        ObjectNode noDetail = push.deepCopy();
        noDetail.remove("detail");
        ObjectNode detailAsText = push.deepCopy();
        detailAsText.put("detail", "PUSH SUCCESS greenlight-blog");
        ObjectNode otherSource = push.deepCopy();
        otherSource.put("source", "greenlight.cli");

        for (ObjectNode event : List.of(delete, failure, untagged, noDetail, detailAsText, otherSource)) {
            assertThat(bus.putEvent(event)).as(event.toString()).isEmpty();
        }
        assertThat(bus.putEvent(push)).containsExactly(ReleaseTrigger.RULE);
        assertThat(stepFunctions.executions(machineArn, null)).hasSize(2);
    }

    @Test
    void aTargetThatFails_doesNotFailThePush() throws Exception {
        stepFunctions.close();

        Image image = ecr.putImage(BLOG, "v2", jar);

        assertThat(ecr.describeImage(BLOG, "v2").digest()).isEqualTo(image.digest());
    }

    @Test
    void textThatIsNotJson_isRefusedWithAClearError() {
        assertThatThrownBy(() -> bus.putEvent(Json.parse("{\"source\": ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }
}
