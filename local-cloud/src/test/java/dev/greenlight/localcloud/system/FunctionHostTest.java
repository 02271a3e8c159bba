package dev.greenlight.localcloud.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.release.store.ReleasesTable;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaResponse;

/** The release functions served over HTTP and invoked as the local Lambda service invokes them. */
class FunctionHostTest {

    @TempDir
    static Path dir;

    private static LocalCloud cloud;
    private static FunctionHost host;
    private static HttpLambdaInvoker lambda;

    @BeforeAll
    static void start() {
        Dynalite dynalite = Dynalite.shared();
        dynalite.recreate(ReleasesTable.createRequest("Releases"));
        cloud = new LocalCloud(LocalCloud.Config.defaults(dir));
        Infrastructure infrastructure = Infrastructure.create(cloud,
                dev.greenlight.localcloud.process.FreePorts.pick(), 0);
        Map<String, String> properties = new LinkedHashMap<>(infrastructure.releaseProperties(cloud));
        properties.put("greenlight.service", "blog");
        properties.put("greenlight.cluster", "greenlight");
        properties.put("greenlight.releases-table", "Releases");
        host = FunctionHost.start(cloud, dynalite.client(), ReleaseFunctions.LOCAL_PLAN, properties);
        lambda = new HttpLambdaInvoker(host.endpoint(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    /** A push's plan is checked as Prepare checks it, merged with the configured plan, before anything is pushed. */
    @Test
    void checkPlan_refusesWhatPrepareWouldRefuse_andAcceptsWhatItWouldFollow() {
        host.checkPlan(Json.parse("{\"steps\": [25, 100], \"bakeSeconds\": [5], \"gate\": {\"confidence\": 0.95}}"));

        assertThatThrownBy(() -> host.checkPlan(Json.parse("{\"terminationWaitSeconds\": 0}")))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("terminationWaitSeconds (0) must be at least the target groups' deregistration delay");
        assertThatThrownBy(() -> host.checkPlan(Json.parse("{\"bakeSeconds\": [1, 2]}")))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("bakeSeconds");
        assertThatThrownBy(() -> host.checkPlan(Json.parse("{\"bakeSecond\": [1]}")))
                .isInstanceOf(InvalidPlanException.class).hasMessageContaining("plan field bakeSecond is not a field of a plan");
    }

    @Test
    void invoke_postsThePayloadAndReadsTheFunctionsJsonAnswer() throws Exception {
        LambdaResponse response = lambda.invoke("arn:aws:lambda:us-east-1:123456789012:function:AbandonRelease",
                Json.parse("""
                        {"event": {"source": "aws.ecr"}, "executionId": "exec-1",
                         "failure": {"Error": "Release.Invalid", "Cause": "the event is not a push"},
                         "now": "2026-11-26T09:00:00Z"}"""));

        assertThat(response.functionError()).isNull();
        assertThat(response.payload().get("reason").asString()).isEqualTo("Release.Invalid: the event is not a push");
        assertThat(response.payload().get("releaseId").isNull()).isTrue();
    }

    @Test
    void aFunctionThatThrows_answersLikeLambda_withItsExceptionAsTheErrorType() throws Exception {
        LambdaResponse response = lambda.invoke("Prepare", Json.parse("""
                {"event": {"source": "aws.ecr", "detail-type": "ECR Image Action", "time": "2026-11-26T09:00:00Z",
                           "detail": {"action-type": "PUSH", "result": "SUCCESS", "repository-name": "greenlight-blog",
                                      "image-digest": "nope", "image-tag": "v2"}},
                 "executionId": "exec-2", "now": "2026-11-26T09:00:00Z"}"""));

        assertThat(response.functionError()).isNotNull();
        assertThat(response.payload().get("errorType").asString())
                .isEqualTo("dev.greenlight.release.steps.EcrPush$InvalidEventException");
        assertThat(response.payload().get("errorMessage").asString())
                .contains("detail.image-digest must be sha256:");
    }

    @Test
    void anUnknownFunction_isResourceNotFound() throws Exception {
        LambdaResponse response = lambda.invoke("arn:aws:lambda:us-east-1:123456789012:function:DropTables",
                Json.object());

        assertThat(response.functionError()).isNotNull();
        assertThat(response.payload().get("errorType").asString()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void theLocalPlan_replacesTheFunctionsDefaults() throws Exception {
        String digest = cloud.ecr().putImage("greenlight-blog", "v9",
                java.nio.file.Files.writeString(dir.resolve("v9.jar"), "not really a jar")).digest();

        LambdaResponse response = lambda.invoke("Prepare", Json.parse("""
                {"event": {"source": "aws.ecr", "detail-type": "ECR Image Action", "time": "2026-11-26T09:00:00Z",
                           "detail": {"action-type": "PUSH", "result": "SUCCESS", "repository-name": "greenlight-blog",
                                      "image-digest": "%s", "image-tag": "v9"}},
                 "executionId": "exec-3", "now": "2026-11-26T09:00:00Z"}""".formatted(digest)));

        assertThat(response.functionError()).as("%s", response.payload()).isNull();

        assertThat(response.payload().at("/plan/steps").toString()).isEqualTo("[10,50,100]");
        assertThat(response.payload().at("/plan/bakeSeconds").toString()).isEqualTo("[20,20,20]");
    }
}
