package dev.greenlight.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;
import dev.greenlight.release.store.ReleaseRecords;
import dev.greenlight.release.store.ReleasesTable;

/**
 * Each function as Lambda runs it: a JSON event streamed through Spring Cloud Function's FunctionInvoker,
 * the handler of every release Lambda, with the function chosen by spring.cloud.function.definition.
 * DynamoDB is dynalite. Paths that need ECS or the load balancer are covered with the local cloud's
 * stand-ins in the local-cloud module.
 */
class FunctionInvokerTest {

    private static final String[] PROPERTIES = {
        "MAIN_CLASS", ReleaseFunctionsApplication.class.getName(),
        "aws.region", "us-east-1",
        "aws.accessKeyId", Dynalite.ACCESS_KEY,
        "aws.secretAccessKey", Dynalite.SECRET_KEY,
        "greenlight.releases-table", "Releases",
        "greenlight.repository-name", "greenlight-blog",
        "greenlight.repository-uri", "123456789012.dkr.ecr.us-east-1.amazonaws.com/greenlight-blog",
        "greenlight.cluster", "greenlight",
        "greenlight.slots.a.target-group-arn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blog-a/1",
        "greenlight.slots.a.service-name", "blog-a",
        "greenlight.slots.b.target-group-arn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blog-b/2",
        "greenlight.slots.b.service-name", "blog-b",
    };

    @BeforeAll
    static void configure() {
        for (int i = 0; i < PROPERTIES.length; i += 2) {
            System.setProperty(PROPERTIES[i], PROPERTIES[i + 1]);
        }
        System.setProperty("aws.endpointUrlDynamoDb", Dynalite.shared().endpoint().toString());
    }

    @AfterAll
    static void clear() {
        for (int i = 0; i < PROPERTIES.length; i += 2) {
            System.clearProperty(PROPERTIES[i]);
        }
        System.clearProperty("aws.endpointUrlDynamoDb");
        System.clearProperty("spring.cloud.function.definition");
    }

    @BeforeEach
    void emptyTable() {
        Dynalite.shared().recreate(ReleasesTable.createRequest("Releases"));
    }

    @Test
    void prepare_queuesBehindTheReleaseHoldingTheLock() throws Exception {
        new ReleaseLock(Dynalite.shared().client(), "Releases").acquire("blog", "20261126T050000Z-v1", "exec-v1",
                Instant.now(), Duration.ofMinutes(10));

        String result = invoke("prepare", """
                {"event": %s, "executionId": "exec-v2", "now": "%s"}""".formatted(pushEvent("v2"), Instant.now()));

        assertThat(result).contains("\"outcome\":\"QUEUED\"").contains("\"retryAfterSeconds\":30")
                .contains("waiting for 20261126T050000Z-v1");
    }

    @Test
    void prepare_olderWaitingPushIsSupersededByANewerOne() throws Exception {
        new ReleaseLock(Dynalite.shared().client(), "Releases").acquire("blog", "20261126T050000Z-v1", "exec-v1",
                Instant.now(), Duration.ofMinutes(10));
        String older = invoke("prepare", """
                {"event": %s, "executionId": "exec-v2", "now": "%s"}""".formatted(
                pushEvent("v2", "2026-11-26T06:00:00Z"), Instant.now()));
        String newer = invoke("prepare", """
                {"event": %s, "executionId": "exec-v3", "now": "%s"}""".formatted(
                pushEvent("v3", "2026-11-26T06:00:05Z"), Instant.now()));

        String olderAgain = invoke("prepare", """
                {"event": %s, "executionId": "exec-v2", "now": "%s"}""".formatted(
                pushEvent("v2", "2026-11-26T06:00:00Z"), Instant.now()));

        assertThat(older).contains("\"outcome\":\"QUEUED\"");
        assertThat(newer).contains("\"outcome\":\"QUEUED\"");
        assertThat(olderAgain).contains("\"outcome\":\"SUPERSEDED\"").contains("superseded by 20261126T060005Z-v3");
        ReleaseRecords records = new ReleaseRecords(Dynalite.shared().client(), "Releases");
        assertThat(records.find("blog", "20261126T060000Z-v2").orElseThrow().state()).isEqualTo(ReleaseState.SUPERSEDED);
        assertThat(new ReleaseQueue(Dynalite.shared().client(), "Releases").waiting("blog"))
                .containsExactly("20261126T060005Z-v3");
    }

    @Test
    void prepare_rejectsAnInvalidPlanBeforeTakingAnything() {
        String event = pushEvent("v2").replaceFirst("\\{", "{\"plan\": {\"steps\": [50, 20]}, ");

        assertThatThrownBy(() -> invoke("prepare", """
                {"event": %s, "executionId": "exec-v2", "now": "%s"}""".formatted(event, Instant.now())))
                .hasStackTraceContaining("InvalidPlanException")
                .hasStackTraceContaining("steps must increase strictly");
        assertThat(new ReleaseLock(Dynalite.shared().client(), "Releases").holder("blog")).isEmpty();
        assertThat(new ReleaseRecords(Dynalite.shared().client(), "Releases").history("blog", 10)).isEmpty();
    }

    @Test
    void prepare_rejectsAMalformedEventWithANamedError() {
        assertThatThrownBy(() -> invoke("prepare", """
                {"event": {"source": "aws.ecr", "detail": {"result": "FAILURE"}}, "executionId": "e", "now": "%s"}"""
                .formatted(Instant.now())))
                .hasStackTraceContaining("InvalidEventException")
                .hasStackTraceContaining("detail.result must be \"SUCCESS\" but was \"FAILURE\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deployGreen", "checkGreenHealth", "smokeTest", "verifyTraffic", "shiftTraffic", "checkControls",
        "evaluateGate", "finishRelease", "rollBack"})
    void stepFunctions_rejectInputWithoutAReleaseBeforeTouchingAnything(String function) {
        assertThatThrownBy(() -> invoke(function, "{\"now\": \"2026-11-26T06:00:00Z\"}"))
                .hasStackTraceContaining("InvalidInputException")
                .hasStackTraceContaining("the step input has no release");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "\"plan\"", "{\"plan\": [10, 100]}", "{\"windowSeconds\": \"ten\"}",
        "{\"windowSeconds\": 1.5}", "{\"steps\": [10, 100]}", "{\"plan\": {\"steps\": \"10\"}}",
        "{\"windowSeconds\": 5}"})
    void planInputs_refusesAPayloadThatIsNoRequest_sayingWhatIsWrong_beforeReadingAnything(String payload) {
        assertThatThrownBy(() -> invoke("planInputs", payload))
                .hasStackTraceContaining("InvalidPlanException")
                .satisfies(e -> assertThat(rootMessage(e)).containsAnyOf("the request", "plan must be", "windowSeconds must",
                        "is not a field of the request", "plan field steps must"));
    }

    @Test
    void abandonRelease_releasesTheLockOfItsPushOnly() throws Exception {
        ReleaseLock lock = new ReleaseLock(Dynalite.shared().client(), "Releases");
        Instant now = Instant.parse("2026-11-26T06:00:00Z");
        lock.acquire("blog", "20261126T060000Z-v2", "exec-v2", Instant.now(), Duration.ofMinutes(10));

        String result = invoke("abandonRelease", """
                {"event": %s, "executionId": "exec-v2",
                 "failure": {"Error": "Prepare.TrafficSplit", "Cause": "traffic is split"}, "now": "%s"}"""
                .formatted(pushEvent("v2"), now));

        assertThat(result).contains("\"releaseId\":\"20261126T060000Z-v2\"").contains("traffic is split");
        assertThat(lock.holder("blog")).isEmpty();
    }

    private static String pushEvent(String tag) {
        return pushEvent(tag, "2026-11-26T06:00:00Z");
    }

    private static String pushEvent(String tag, String time) {
        return """
                {"version": "0", "id": "e-%1$s", "detail-type": "ECR Image Action", "source": "aws.ecr",
                 "account": "123456789012", "time": "%3$s", "region": "us-east-1", "resources": [],
                 "detail": {"result": "SUCCESS", "repository-name": "greenlight-blog", "action-type": "PUSH",
                            "image-digest": "sha256:%2$s", "image-tag": "%1$s"}}"""
                .formatted(tag, "ab".repeat(32), time);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String invoke(String function, String event) throws Exception {
        System.setProperty("spring.cloud.function.definition", function);
        FunctionInvoker invoker = new FunctionInvoker();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
