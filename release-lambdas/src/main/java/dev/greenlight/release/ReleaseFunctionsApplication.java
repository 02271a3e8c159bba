package dev.greenlight.release;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import dev.greenlight.release.steps.AbandonRelease;
import dev.greenlight.release.steps.CheckControls;
import dev.greenlight.release.steps.CheckGreenHealth;
import dev.greenlight.release.steps.DeployGreen;
import dev.greenlight.release.steps.EvaluateGate;
import dev.greenlight.release.steps.FinishRelease;
import dev.greenlight.release.steps.PlanInputs;
import dev.greenlight.release.steps.Prepare;
import dev.greenlight.release.steps.RollBack;
import dev.greenlight.release.steps.ShiftTraffic;
import dev.greenlight.release.steps.SmokeTest;
import dev.greenlight.release.steps.VerifyTraffic;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The release functions: one {@link Function} bean per step of the release workflow. On AWS each is its own
 * Lambda, all from one jar, with {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker} as
 * the handler and {@code SPRING_CLOUD_FUNCTION_DEFINITION} naming the bean. The beans are thin: the logic is
 * in the step classes. The AWS clients are built once, from the SDK's usual configuration (region,
 * credentials, {@code AWS_ENDPOINT_URL_*}); the local cloud replaces them with its own.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReleaseFunctionsApplication {

    /**
     * The workflow's steps: the function beans release.asl.json invokes, whose names are also the Lambda
     * functions' names without the prefix.
     */
    public static final List<String> STEPS = List.of("prepare", "abandonRelease",
            "deployGreen", "checkGreenHealth", "smokeTest", "verifyTraffic", "shiftTraffic", "checkControls",
            "evaluateGate", "finishRelease", "rollBack");
    /** The functions operators invoke, not the workflow: {@code greenlight plan --aws} reads its inputs from one. */
    public static final List<String> OPERATOR_FUNCTIONS = List.of("planInputs");
    /** Every function bean: the steps and the operators' functions, each its own Lambda on AWS. */
    public static final List<String> FUNCTIONS = Stream.concat(STEPS.stream(), OPERATOR_FUNCTIONS.stream()).toList();

    public static void main(String[] args) {
        SpringApplication.run(ReleaseFunctionsApplication.class, args);
    }

    @Bean
    Function<Prepare.Request, ReleaseContext> prepare(Prepare prepare) {
        return prepare::apply;
    }

    @Bean
    Function<byte[], PlanInputs.Result> planInputs(PlanInputs inputs) {
        // the payload as it came, so that one that is no request is refused by name (PlanInputs.read)
        return payload -> inputs.apply(PlanInputs.read(payload), Instant.now());
    }

    @Bean
    Function<AbandonRelease.Request, AbandonRelease.Result> abandonRelease(AbandonRelease abandon) {
        return abandon::apply;
    }

    @Bean
    Function<StepRequest, DeployGreen.Result> deployGreen(DeployGreen deploy) {
        return deploy::apply;
    }

    @Bean
    Function<StepRequest, CheckGreenHealth.Result> checkGreenHealth(CheckGreenHealth check) {
        return check::apply;
    }

    @Bean
    Function<StepRequest, SmokeTest.Result> smokeTest(SmokeTest smoke) {
        return smoke::apply;
    }

    @Bean
    Function<StepRequest, VerifyTraffic.Result> verifyTraffic(VerifyTraffic verify) {
        return verify::apply;
    }

    @Bean
    Function<StepRequest, ShiftTraffic.Result> shiftTraffic(ShiftTraffic shift) {
        return shift::apply;
    }

    @Bean
    Function<StepRequest, CheckControls.Result> checkControls(CheckControls check) {
        return check::apply;
    }

    @Bean
    Function<StepRequest, EvaluateGate.Result> evaluateGate(EvaluateGate evaluate) {
        return evaluate::apply;
    }

    @Bean
    Function<StepRequest, FinishRelease.Result> finishRelease(FinishRelease finish) {
        return finish::apply;
    }

    @Bean
    Function<StepRequest, RollBack.Result> rollBack(RollBack rollBack) {
        return rollBack::apply;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EcsClient ecsClient() {
        return EcsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ElasticLoadBalancingV2Client elasticLoadBalancingV2Client() {
        return ElasticLoadBalancingV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CloudWatchClient cloudWatchClient() {
        return CloudWatchClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }
}
