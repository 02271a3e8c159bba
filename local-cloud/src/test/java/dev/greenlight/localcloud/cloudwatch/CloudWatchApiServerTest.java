package dev.greenlight.localcloud.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.cbor.CBORMapper;

/** GetMetricData through the AWS SDK's own CloudWatch client, over HTTP, against the in-process answers. */
class CloudWatchApiServerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final Map<String, String> DIMENSIONS = Map.of("TargetGroup", "targetgroup/blog-b/0123456789abcdef",
            "LoadBalancer", "app/greenlight/fedcba9876543210");

    private MetricStore store;
    private LocalCloudWatch local;
    private CloudWatchApiServer server;
    private CloudWatchClient sdk;

    @BeforeEach
    void start() throws Exception {
        store = new MetricStore(new MutableClock(T0.plusSeconds(120)), Duration.ofHours(1));
        local = new LocalCloudWatch(store, "us-east-1", "123456789012");
        server = CloudWatchApiServer.start(local);
        sdk = CloudWatchClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        server.close();
    }

    @Test
    void getMetricData_answersOverHttpWhatTheLocalCloudWatchAnswers() {
        for (int i = 0; i < 60; i++) {
            store.record(new MetricKey("AWS/ApplicationELB", "RequestCount", DIMENSIONS), T0.plusSeconds(i), 1);
            store.record(new MetricKey("AWS/ApplicationELB", "TargetResponseTime", DIMENSIONS), T0.plusSeconds(i),
                    (i + 1) / 1000.0);
        }
        GetMetricDataRequest request = GetMetricDataRequest.builder().startTime(T0).endTime(T0.plusSeconds(60))
                .metricDataQueries(query("requests", "RequestCount", "Sum"), query("p50", "TargetResponseTime", "p50"))
                .build();

        List<MetricDataResult> overHttp = sdk.getMetricData(request).metricDataResults();

        assertThat(overHttp).isEqualTo(local.getMetricData(request).metricDataResults());
        assertThat(overHttp.get(0).timestamps()).as("newest first, as CloudWatch scans by default")
                .containsExactly(T0.plusSeconds(30), T0);
        assertThat(overHttp.get(0).values()).containsExactly(30.0, 30.0);
        assertThat(overHttp.get(1).values().get(0)).as("the median of 31 to 60 ms").isBetween(0.044, 0.046);
    }

    @Test
    void aRequestCloudWatchRefuses_isItsErrorThroughTheSdk() {
        assertThatThrownBy(() -> sdk.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(60))
                .metricDataQueries(query("Bad-Id", "RequestCount", "Sum"))))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Bad-Id");
                });
    }

    @Test
    void aBodyThatIsNoCbor_orAnotherOperation_isACloudWatchError() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CBORMapper cbor = CBORMapper.builder().build();

        HttpResponse<byte[]> garbage = http.send(HttpRequest.newBuilder(URI.create(server.endpoint()
                        + CloudWatchApiServer.PREFIX + "GetMetricData"))
                .POST(HttpRequest.BodyPublishers.ofString("{not cbor")).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> other = http.send(HttpRequest.newBuilder(URI.create(server.endpoint()
                        + CloudWatchApiServer.PREFIX + "DeleteAlarms"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(garbage.statusCode()).isEqualTo(400);
        JsonNode error = cbor.readTree(garbage.body());
        assertThat(error.get("__type").asString()).endsWith("#SerializationException");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(cbor.readTree(other.body()).get("message").asString()).contains("serves GetMetricData");
    }

    private static MetricDataQuery query(String id, String metric, String stat) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.period(30).stat(stat).metric(m -> m
                .namespace("AWS/ApplicationELB").metricName(metric).dimensions(DIMENSIONS.entrySet().stream()
                        .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build()).toList())))
                .build();
    }
}
