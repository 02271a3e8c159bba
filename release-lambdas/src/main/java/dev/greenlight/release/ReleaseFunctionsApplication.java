package dev.greenlight.release;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.greenlight.release.aws.Metrics;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.steps.AbandonRelease;
import dev.greenlight.release.steps.Admission;
import dev.greenlight.release.steps.CheckControls;
import dev.greenlight.release.steps.CheckGreenHealth;
import dev.greenlight.release.steps.DeployGreen;
import dev.greenlight.release.steps.EvaluateGate;
import dev.greenlight.release.steps.FinishRelease;
import dev.greenlight.release.steps.GateWindow;
import dev.greenlight.release.steps.Lease;
import dev.greenlight.release.steps.Listener;
import dev.greenlight.release.steps.Preflight;
import dev.greenlight.release.steps.Prepare;
import dev.greenlight.release.steps.RollBack;
import dev.greenlight.release.steps.ShiftTraffic;
import dev.greenlight.release.steps.SmokeTest;
import dev.greenlight.release.steps.Timeline;
import dev.greenlight.release.steps.VerifyTraffic;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;
import dev.greenlight.release.store.ReleaseRecords;
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

    /** The names of the function beans, which are also the Lambda functions' names without the prefix. */
    public static final List<String> FUNCTIONS = List.of("prepare", "abandonRelease",
            "deployGreen", "checkGreenHealth", "smokeTest", "verifyTraffic", "shiftTraffic", "checkControls",
            "evaluateGate", "finishRelease", "rollBack");

    public static void main(String[] args) {
        SpringApplication.run(ReleaseFunctionsApplication.class, args);
    }

    @Bean
    Function<Prepare.Request, ReleaseContext> prepare(Prepare prepare) {
        return prepare::apply;
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

    /** The steps, each built once with only what it uses. */
    @Configuration(proxyBeanMethods = false)
    static class Steps {

        @Bean
        Prepare prepareStep(ReleaseProperties properties, Admission admission, Listener listener, Services services,
                Metrics metrics, ReleaseRecords records, Timeline timeline) {
            return new Prepare(properties, admission, listener, services, new Preflight(metrics), records, timeline);
        }

        @Bean
        AbandonRelease abandonReleaseStep(ReleaseProperties properties, Admission admission, ReleaseRecords records) {
            return new AbandonRelease(admission, records, properties.service(), properties.repositoryName());
        }

        @Bean
        DeployGreen deployGreenStep(ReleaseProperties properties, Lease lease, Services services, Traffic traffic,
                ReleaseRecords records, Timeline timeline) {
            return new DeployGreen(lease, services, traffic, properties.testListenerArn(), records, timeline);
        }

        @Bean
        CheckGreenHealth checkGreenHealthStep(Lease lease, Services services, Traffic traffic,
                ReleaseRecords records) {
            return new CheckGreenHealth(lease, services, traffic, records);
        }

        @Bean
        SmokeTest smokeTestStep(ReleaseProperties properties) {
            return new SmokeTest(properties.testListenerUrl(), properties.smokePaths(), properties.smokeRequests());
        }

        @Bean
        VerifyTraffic verifyTrafficStep(ReleaseProperties properties, Lease lease, Listener listener,
                Traffic traffic, ReleaseRecords records) {
            return new VerifyTraffic(lease, listener, traffic, records, properties.task().desiredCount());
        }

        @Bean
        ShiftTraffic shiftTrafficStep(Lease lease, Listener listener, ReleaseRecords records, Timeline timeline) {
            return new ShiftTraffic(lease, listener, records, timeline);
        }

        @Bean
        CheckControls checkControlsStep(Lease lease, ReleaseRecords records, GateWindow gate, Timeline timeline) {
            return new CheckControls(lease, records, gate, timeline);
        }

        @Bean
        EvaluateGate evaluateGateStep(Lease lease, GateWindow gate, ReleaseRecords records, Timeline timeline) {
            return new EvaluateGate(lease, gate, records, timeline);
        }

        @Bean
        FinishRelease finishReleaseStep(Lease lease, Listener listener, Services services, ReleaseRecords records,
                Timeline timeline) {
            return new FinishRelease(lease, listener, services, records, timeline);
        }

        @Bean
        RollBack rollBackStep(Lease lease, Listener listener, Services services, Traffic traffic,
                ReleaseRecords records, Timeline timeline) {
            return new RollBack(lease, listener, services, traffic, records, timeline);
        }
    }

    /** What the steps share, built once from the properties and the AWS clients. */
    @Configuration(proxyBeanMethods = false)
    static class Collaborators {

        @Bean
        Services services(EcsClient ecs, ReleaseProperties properties) {
            properties.plan().validated();
            return new Services(ecs, properties);
        }

        @Bean
        Traffic traffic(ElasticLoadBalancingV2Client elb) {
            return new Traffic(elb);
        }

        @Bean
        Metrics metrics(CloudWatchClient cloudWatch, ReleaseProperties properties) {
            return new Metrics(cloudWatch, properties.loadBalancer());
        }

        @Bean
        ReleaseRecords releaseRecords(DynamoDbClient dynamoDb, ReleaseProperties properties) {
            return new ReleaseRecords(dynamoDb, properties.releasesTable());
        }

        @Bean
        Admission admission(DynamoDbClient dynamoDb, ReleaseProperties properties) {
            return new Admission(new ReleaseLock(dynamoDb, properties.releasesTable()),
                    new ReleaseQueue(dynamoDb, properties.releasesTable()), leaseLength(properties));
        }

        @Bean
        Lease lease(DynamoDbClient dynamoDb, ReleaseRecords records, ReleaseProperties properties) {
            return new Lease(new ReleaseLock(dynamoDb, properties.releasesTable()), records, leaseLength(properties));
        }

        @Bean
        Listener listener(Traffic traffic, ReleaseRecords records, ReleaseProperties properties) {
            return new Listener(traffic, properties.listenerArn(), Map.of(
                    "A", properties.slot("A").targetGroupArn(), "B", properties.slot("B").targetGroupArn()), records);
        }

        @Bean
        GateWindow gateWindow(Metrics metrics, ReleaseProperties properties) {
            return new GateWindow(new GateReadings(metrics, properties.metricsResolutionSeconds()),
                    properties.task().desiredCount());
        }

        @Bean
        Timeline timeline(ReleaseRecords records) {
            return new Timeline(records);
        }

        private static Duration leaseLength(ReleaseProperties properties) {
            return Duration.ofSeconds(properties.lockLeaseSeconds());
        }
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
