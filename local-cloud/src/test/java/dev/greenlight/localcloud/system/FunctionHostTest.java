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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import tools.jackson.databind.JsonNode;

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

    /** Lambda's Invoke API, through the SDK's own client: the planInputs function, its errors as Lambda answers them. */
    @Test
    void theLambdaApi_invokesThePlanInputsFunction_andAnswersErrorsAsLambdaDoes() throws Exception {
        try (LambdaApi api = LambdaApi.start(host.endpoint(), Duration.ofSeconds(30));
             LambdaClient client = LambdaClient.builder().endpointOverride(api.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            InvokeResponse inputs = client.invoke(r -> r.functionName("arn:aws:lambda:us-east-1:123456789012:function:PlanInputs:live")
                    .payload(SdkBytes.fromUtf8String("{\"plan\": {\"steps\": [25, 100], \"bakeSeconds\": [5]}, \"windowSeconds\": 120}")));
            assertThat(inputs.statusCode()).isEqualTo(200);
            assertThat(inputs.functionError()).isNull();
            JsonNode answer = Json.parse(inputs.payload().asUtf8String());
            assertThat(answer.at("/plan/steps").toString()).isEqualTo("[25,100]");
            assertThat(answer.at("/plan/bakeSeconds").toString()).isEqualTo("[5,5]");
            assertThat(answer.at("/traffic/requestsPerSecond").asDouble()).isZero();
            assertThat(answer.at("/traffic/basis").asString()).contains("over the last 120 s");
            assertThat(answer.at("/setup/tasks").asInt()).isPositive();
            assertThat(answer.at("/cpu").asString()).isNotBlank();

            InvokeResponse invalid = client.invoke(r -> r.functionName("PlanInputs")
                    .payload(SdkBytes.fromUtf8String("{\"plan\": {\"bakeSecond\": [1]}}")));
            assertThat(invalid.functionError()).isEqualTo("Unhandled");
            JsonNode error = Json.parse(invalid.payload().asUtf8String());
            assertThat(error.get("errorType").asString()).isEqualTo(InvalidPlanException.class.getName());
            assertThat(error.get("errorMessage").asString()).contains("plan field bakeSecond is not a field of a plan");

            assertThatThrownBy(() -> client.invoke(r -> r.functionName("Prepare").payload(SdkBytes.fromUtf8String("{}"))))
                    .as("the workflow's steps are not the operators' to invoke")
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function not found: Prepare");
            assertThatThrownBy(() -> client.invoke(r -> r.functionName("PlanInputs").payload(SdkBytes.fromUtf8String("{nope"))))
                    .isInstanceOf(InvalidRequestContentException.class).hasMessageContaining("Could not parse request body into json");
        }
    }

    @Test
    void functionNames_areNamesPartialArnsOrArns_withOrWithoutAQualifier() {
        assertThat(LambdaApi.functionName("PlanInputs")).isEqualTo("PlanInputs");
        assertThat(LambdaApi.functionName("PlanInputs:live")).isEqualTo("PlanInputs");
        assertThat(LambdaApi.functionName("123456789012:function:PlanInputs")).isEqualTo("PlanInputs");
        assertThat(LambdaApi.functionName("arn:aws:lambda:us-east-1:123456789012:function:PlanInputs:live")).isEqualTo("PlanInputs");
        assertThat(LambdaApi.functionName("arn:aws:lambda:us-east-1:123456789012:layer:PlanInputs")).isNull();
        assertThat(LambdaApi.functionName("../etc/passwd")).isNull();
    }
}
