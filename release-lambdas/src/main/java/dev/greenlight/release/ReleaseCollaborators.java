package dev.greenlight.release;

import java.time.Duration;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.greenlight.release.aws.Metrics;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.steps.Admission;
import dev.greenlight.release.steps.GateWindow;
import dev.greenlight.release.steps.Lease;
import dev.greenlight.release.steps.Listener;
import dev.greenlight.release.steps.Timeline;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;
import dev.greenlight.release.store.ReleaseRecords;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** What the steps share, built once from the properties and the AWS clients. */
@Configuration(proxyBeanMethods = false)
class ReleaseCollaborators {

    @Bean
    Services services(EcsClient ecs, ReleaseProperties properties) {
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
    ReleaseLock releaseLock(DynamoDbClient dynamoDb, ReleaseProperties properties) {
        return new ReleaseLock(dynamoDb, properties.releasesTable());
    }

    @Bean
    Admission admission(ReleaseLock lock, DynamoDbClient dynamoDb, ReleaseProperties properties) {
        return new Admission(lock, new ReleaseQueue(dynamoDb, properties.releasesTable()), leaseLength(properties));
    }

    @Bean
    Lease lease(ReleaseLock lock, ReleaseRecords records, ReleaseProperties properties) {
        return new Lease(lock, records, leaseLength(properties));
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
