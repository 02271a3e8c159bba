package dev.greenlight.operator;

import java.time.Duration;
import java.util.Map;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deployment's planInputs Lambda ({@code GREENLIGHT_PLAN_FUNCTION}, the terraform output plan_function_arn):
 * the same function the local cloud's {@code POST /plans} runs, with the deployment's configuration and its ALB's
 * CloudWatch metrics. Region, endpoint and keys come from the environment as for the other {@code --aws} commands
 * ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_LAMBDA} or {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}...),
 * everything else from the SDK's default chains.
 */
final class PlanFunction implements PlanInputSource {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** A SnapStart restore and the metric reads take seconds; a minute means the function is stuck. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String function;
    private final Target.Endpoint endpoint;

    private PlanFunction(String function, Target.Endpoint endpoint) {
        this.function = function;
        this.endpoint = endpoint;
    }

    static PlanFunction from(Map<String, String> env) {
        String function = env.get("GREENLIGHT_PLAN_FUNCTION");
        if (!Target.present(env, "GREENLIGHT_PLAN_FUNCTION")) {
            throw CliException.invalid("GREENLIGHT_PLAN_FUNCTION is not set; set it to the terraform output"
                    + " plan_function_arn (terraform -chdir=terraform output -raw plan_function_arn)");
        }
        Region region = Target.present(env, "AWS_REGION") ? Region.of(env.get("AWS_REGION")) : null;
        boolean ignoreEndpoints = "true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
        return new PlanFunction(function.strip(), new Target.Endpoint(region,
                ignoreEndpoints ? null : Target.endpoint(env, "AWS_ENDPOINT_URL_LAMBDA"), Target.keys(env)));
    }

    @Override
    public Inputs inputs(ObjectNode override, int windowSeconds) {
        ObjectNode body = JSON.createObjectNode();
        if (override != null) {
            body.set("plan", override);
        }
        body.put("windowSeconds", windowSeconds);
        InvokeResponse response;
        try (LambdaClient lambda = client()) {
            response = lambda.invoke(r -> r.functionName(function)
                    .payload(SdkBytes.fromUtf8String(JSON.writeValueAsString(body))));
        } catch (SdkClientException e) {
            if (e.getMessage() != null && e.getMessage().contains("region")) {
                throw CliException.invalid("no AWS region is configured; set AWS_REGION or a region in your AWS profile");
            }
            throw CliException.invalid("cannot reach AWS Lambda: " + e.getMessage());
        } catch (AwsServiceException e) {
            throw CliException.invalid("AWS refused to invoke " + function + ": " + e.awsErrorDetails().errorCode()
                    + ": " + e.awsErrorDetails().errorMessage());
        }
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        JsonNode answer = parse(payload);
        if (response.functionError() != null) {
            String type = answer == null ? "" : answer.path("errorType").asString("");
            String message = answer == null ? Text.cut(payload, 300) : answer.path("errorMessage").asString(payload);
            if (type.endsWith("InvalidPlanException")) {
                throw CliException.invalid(message);
            }
            throw CliException.invalid(function + " failed: " + (type.isEmpty() ? "" : type + ": ") + Text.cut(message, 300));
        }
        try {
            if (answer == null || !answer.isObject()) {
                throw new IllegalArgumentException("not a JSON object: " + Text.cut(payload, 100));
            }
            return JSON.treeToValue(answer, Inputs.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw CliException.invalid(function + "'s answer cannot be read: " + Text.cut(e.getMessage(), 200)
                    + "; is the deployment the same version as this CLI?");
        }
    }

    private LambdaClient client() {
        return Cloud.configure(LambdaClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(TIMEOUT)), endpoint).build();
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
