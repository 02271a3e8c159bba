package dev.greenlight.localcloud.elb;

import dev.greenlight.localcloud.CloudFixture;
import dev.greenlight.localcloud.LocalCloud;
import dev.greenlight.localcloud.Poll;
import dev.greenlight.localcloud.TestTargets;
import dev.greenlight.localcloud.process.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client of the balancer notices: weights, stickiness, health, draining, 502/503/504 and forwarded headers. */
class AlbRoutingTest {

    @TempDir
    Path dir;
    private CloudFixture fixture;
    private LocalElb elb;
    private String groupA;
    private String groupB;

    @BeforeEach
    void start() {
        fixture = new CloudFixture(LocalCloud.Config.defaults(dir).withTiming(CloudFixture.FAST)
                .withIdleTimeout(Duration.ofSeconds(1)));
        elb = fixture.cloud.elb();
        groupA = fixture.targetGroup("group-a");
        groupB = fixture.targetGroup("group-b");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void requests_splitByWeight() {
        register(groupA, TestTargets.start(fixture.cloud, dir, "v1", Map.of()));
        register(groupB, TestTargets.start(fixture.cloud, dir, "v2", Map.of()));
        int port = fixture.listener(weights(1, 3)).port();
        fixture.awaitHealthy(groupA, 1);
        fixture.awaitHealthy(groupB, 1);

        int toB = 0;
        for (int i = 0; i < 400; i++) {
            HttpResponse<String> response = TestTargets.get(port, "/");
            assertThat(response.statusCode()).isEqualTo(200);
            toB += response.headers().firstValue("X-App-Version").orElseThrow().equals("v2") ? 1 : 0;
        }
        assertThat(toB / 400.0).as("share of group B at weights 1:3").isBetween(0.65, 0.85);
    }

    @Test
    void groupStickiness_keepsAClientOnItsGroup() {
        register(groupA, TestTargets.start(fixture.cloud, dir, "v1", Map.of()));
        register(groupB, TestTargets.start(fixture.cloud, dir, "v2", Map.of()));
        Action sticky = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(ForwardActionConfig.builder()
                .targetGroups(TargetGroupTuple.builder().targetGroupArn(groupA).weight(1).build(),
                        TargetGroupTuple.builder().targetGroupArn(groupB).weight(1).build())
                .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(60)).build()).build();
        int port = fixture.listener(weights(1, 1)).port();
        String listenerArn = elb.describeListeners(r -> r.loadBalancerArn(fixture.balancer())).listeners().get(0).listenerArn();
        elb.modifyListener(r -> r.listenerArn(listenerArn).defaultActions(sticky));
        fixture.awaitHealthy(groupA, 1);
        fixture.awaitHealthy(groupB, 1);

        HttpResponse<String> first = TestTargets.get(port, "/");
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("AWSALBTG=").contains("Max-Age=60");
        String version = first.headers().firstValue("X-App-Version").orElseThrow();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> next = TestTargets.get(port, "/", "Cookie", cookie.substring(0, cookie.indexOf(';')));
            assertThat(next.headers().firstValue("X-App-Version")).contains(version);
        }
    }

    @Test
    void testListener_reachesGreenWhileTheMainListenerServesBlue() {
        register(groupA, TestTargets.start(fixture.cloud, dir, "blue", Map.of()));
        register(groupB, TestTargets.start(fixture.cloud, dir, "green", Map.of()));
        int main = fixture.listener(weights(1, 0)).port();
        int test = fixture.listener(weights(0, 1)).port();
        fixture.awaitHealthy(groupA, 1);
        fixture.awaitHealthy(groupB, 1);

        for (int i = 0; i < 10; i++) {
            assertThat(TestTargets.get(main, "/").headers().firstValue("X-App-Version")).contains("blue");
            assertThat(TestTargets.get(test, "/").headers().firstValue("X-App-Version")).contains("green");
        }
    }

    @Test
    void targetStickiness_keepsAClientOnItsTarget() {
        register(groupA, TestTargets.start(fixture.cloud, dir, "one", Map.of()));
        register(groupA, TestTargets.start(fixture.cloud, dir, "two", Map.of()));
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(groupA).attributes(
                a -> a.key("stickiness.enabled").value("true"), a -> a.key("stickiness.lb_cookie.duration_seconds").value("120")));
        int port = fixture.listener(weights(1, 0)).port();
        fixture.awaitHealthy(groupA, 2);

        HttpResponse<String> first = TestTargets.get(port, "/");
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("AWSALB=").contains("Max-Age=120");
        String version = first.headers().firstValue("X-App-Version").orElseThrow();
        for (int i = 0; i < 20; i++) {
            assertThat(TestTargets.get(port, "/", "Cookie", cookie.substring(0, cookie.indexOf(';'))).headers()
                    .firstValue("X-App-Version")).contains(version);
        }
        long spread = java.util.stream.IntStream.range(0, 20).mapToObj(i -> TestTargets.get(port, "/").headers()
                .firstValue("X-App-Version").orElseThrow()).distinct().count();
        assertThat(spread).as("clients without the cookie are spread over both targets").isEqualTo(2);
    }

    @Test
    void failingReadiness_makesATargetUnhealthyAfterTheThreshold_andItGetsNoTraffic() {
        int good = TestTargets.start(fixture.cloud, dir, "good", Map.of());
        int failing = TestTargets.start(fixture.cloud, dir, "failing", Map.of());
        register(groupA, good);
        register(groupA, failing);
        assertThat(health(groupA, failing).state()).isEqualTo(TargetHealthStateEnum.UNUSED);
        assertThat(health(groupA, failing).reason()).isEqualTo(TargetHealthReasonEnum.TARGET_NOT_IN_USE);
        int port = fixture.listener(weights(1, 0)).port();
        assertThat(health(groupA, failing).state()).isEqualTo(TargetHealthStateEnum.INITIAL);
        fixture.awaitHealthy(groupA, 2);

        TestTargets.post(failing, "/test/readiness-down");
        Poll.until(Duration.ofSeconds(10), "the failing target to turn unhealthy",
                () -> health(groupA, failing).state() == TargetHealthStateEnum.UNHEALTHY);
        TargetHealth unhealthy = health(groupA, failing);
        assertThat(unhealthy.reason()).isEqualTo(TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH);
        assertThat(unhealthy.description()).isEqualTo("Health checks failed with these codes: [503]");
        assertThat(health(groupA, good).state()).isEqualTo(TargetHealthStateEnum.HEALTHY);

        for (int i = 0; i < 50; i++) {
            assertThat(TestTargets.get(port, "/").headers().firstValue("X-App-Version")).contains("good");
        }
    }

    @Test
    void aTargetAnsweringWithinTheHealthCheckTimeout_isHealthy_thoughTheLocalCloudRunsAwsSecondsFaster() {
        // 1.5 s is within the group's 4 s timeout; the interval runs 5 times faster here, the application does not
        int slow = TestTargets.start(fixture.cloud, dir, "slow-to-answer", Map.of("TEST_READINESS_LATENCY_MS", "1500"));
        register(groupA, slow);
        fixture.listener(weights(1, 0));

        fixture.awaitHealthy(groupA, 1);
        assertThat(health(groupA, slow).state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
    }

    @Test
    void whenEveryTargetIsUnhealthy_theGroupFailsOpen() {
        int one = TestTargets.start(fixture.cloud, dir, "one", Map.of("BLOG_FAULTS_READINESS_DOWN", "true"));
        int two = TestTargets.start(fixture.cloud, dir, "two", Map.of("BLOG_FAULTS_READINESS_DOWN", "true"));
        register(groupA, one);
        register(groupA, two);
        int port = fixture.listener(weights(1, 0)).port();
        Poll.until(Duration.ofSeconds(10), "both targets unhealthy", () -> health(groupA, one).state() == TargetHealthStateEnum.UNHEALTHY
                && health(groupA, two).state() == TargetHealthStateEnum.UNHEALTHY);

        long answeredByBoth = java.util.stream.IntStream.range(0, 20).mapToObj(i -> TestTargets.get(port, "/"))
                .peek(response -> assertThat(response.statusCode()).isEqualTo(200))
                .map(response -> response.headers().firstValue("X-App-Version").orElseThrow()).distinct().count();
        assertThat(answeredByBoth).isEqualTo(2);
    }

    @Test
    void drainingTarget_finishesItsInFlightRequest_andGetsNoNewOnes() throws Exception {
        int slow = TestTargets.start(fixture.cloud, dir, "slow", Map.of("BLOG_FAULTS_LATENCY_MS", "700"));
        int other = TestTargets.start(fixture.cloud, dir, "other", Map.of());
        register(groupA, slow);
        int port = fixture.listener(weights(1, 0)).port();
        fixture.awaitHealthy(groupA, 1);

        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> TestTargets.get(port, "/"));
        Poll.until(Duration.ofSeconds(5), "the request to reach the slow target",
                () -> TestTargets.get(slow, "/test/in-flight").body().trim().equals("1"));
        register(groupA, other);
        elb.deregisterTargets(r -> r.targetGroupArn(groupA).targets(target(slow)));
        assertThat(health(groupA, slow).state()).isEqualTo(TargetHealthStateEnum.DRAINING);
        assertThat(health(groupA, slow).reason()).isEqualTo(TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS);

        fixture.awaitHealthy(groupA, 1);
        assertThat(TestTargets.get(port, "/").headers().firstValue("X-App-Version")).contains("other");
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        assertThat(inFlight.get().headers().firstValue("X-App-Version")).contains("slow");
        Poll.until(Duration.ofSeconds(5), "deregistration to complete",
                () -> health(groupA, slow).reason() == TargetHealthReasonEnum.TARGET_NOT_REGISTERED);
    }

    @Test
    void balancerAnswers503_502_504_itself() {
        int port = fixture.listener(weights(1, 0)).port();
        HttpResponse<String> noTarget = TestTargets.get(port, "/");
        assertThat(noTarget.statusCode()).isEqualTo(503);
        assertThat(noTarget.headers().firstValue("Server")).contains("awselb/2.0");

        Instant start = Instant.now().minusSeconds(1);
        register(groupA, FreePorts.pick());
        assertThat(TestTargets.get(port, "/").statusCode()).as("nothing listens on the target").isEqualTo(502);
        awaitSum("TargetConnectionErrorCount", groupA, start, 1);

        elb.deregisterTargets(r -> r.targetGroupArn(groupA).targets(elb.describeTargetHealth(h -> h.targetGroupArn(groupA))
                .targetHealthDescriptions().get(0).target()));
        register(groupA, TestTargets.start(fixture.cloud, dir, "slow", Map.of("BLOG_FAULTS_LATENCY_MS", "1500")));
        assertThat(TestTargets.get(port, "/").statusCode()).as("slower than the 1 s idle timeout").isEqualTo(504);
    }

    @Test
    void malformedRequests_getTheBalancers400_withoutReachingATarget_orHoldingItsSlot() throws Exception {
        int target = TestTargets.start(fixture.cloud, dir, "v1", Map.of());
        register(groupA, target);
        // a slot left reserved would hold a deregistered target in draining for this long
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(groupA).attributes(TargetGroupAttribute.builder()
                .key("deregistration_delay.timeout_seconds").value("300").build()));
        int port = fixture.listener(weights(1, 0)).port();
        fixture.awaitHealthy(groupA, 1);

        for (String bad : List.of("/?a=%", "/?x=%zz", "/%", "/%G0/x", "/a%2", "/?q=%u0041")) {
            String response = raw(port, "GET " + bad + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(response).as(bad).startsWith("HTTP/1.1 400 ").contains("Server: awselb/2.0", "400 Bad Request")
                    .doesNotContainIgnoringCase("exception").doesNotContain(Integer.toString(target));
        }
        for (String method : List.of("PUT", "DELETE")) {
            String response = raw(port, method + " /?a=% HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(response).as(method).startsWith("HTTP/1.1 400 ").contains("Server: awselb/2.0", "400 Bad Request");
        }
        String ok = raw(port, "GET /?a=%25 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(ok).startsWith("HTTP/1.1 200 ");
        String headers = ok.substring(0, ok.indexOf("\r\n\r\n"));
        assertThat(headers.split("\r\nDate: ", -1)).as("one Date header").hasSize(2);

        Poll.until(Duration.ofSeconds(5), "HTTPCode_ELB_4XX_Count per load balancer = 8", () -> fixture.cloud.cloudWatch()
                .getMetricData(r -> r.startTime(Instant.now().minusSeconds(120)).endTime(Instant.now().plusSeconds(60))
                        .metricDataQueries(q -> q.id("m").metricStat(m -> m.stat("Sum").period(60).metric(metric -> metric
                                .namespace("AWS/ApplicationELB").metricName("HTTPCode_ELB_4XX_Count")
                                .dimensions(dimensions(groupA).get(1))))))
                .metricDataResults().get(0).values().stream().mapToDouble(Double::doubleValue).sum() == 8);
        elb.deregisterTargets(r -> r.targetGroupArn(groupA).targets(target(target)));
        Poll.until(Duration.ofSeconds(5), "deregistration to complete, with no request left in flight",
                () -> health(groupA, target).reason() == TargetHealthReasonEnum.TARGET_NOT_REGISTERED);
    }

    /** AWS's quotas: a 16 K request line, 16 K per header and 64 K in all; within them a request is forwarded. */
    @Test
    void requestsWithinTheAlbsHeaderQuotas_areForwarded_andLargerOnesAre400s() throws Exception {
        register(groupA, TestTargets.start(fixture.cloud, dir, "v1", Map.of()));
        int port = fixture.listener(weights(1, 0)).port();
        fixture.awaitHealthy(groupA, 1);

        String longQuery = "q=" + "x".repeat(12_000);
        String forwarded = raw(port, "GET /?" + longQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "y".repeat(12_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(forwarded).startsWith("HTTP/1.1 200 ").contains("path=/?" + longQuery);

        for (String tooLarge : List.of(
                "GET /?q=" + "x".repeat(17_000) + " HTTP/1.1\r\nHost: 127.0.0.1",
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "y".repeat(17_000),
                "GET / HTTP/1.1\r\nHost: 127.0.0.1" + ("\r\nX-Part: " + "z".repeat(10_000)).repeat(7))) {
            String answer = raw(port, tooLarge + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(tooLarge.substring(0, 30)).startsWith("HTTP/1.1 400 ").contains("Server: awselb/2.0");
        }
    }

    /** One request as the client wrote it, bytes and all, and the whole response. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void forwardedHeaders_tellTheTargetAboutTheClient() {
        register(groupA, TestTargets.start(fixture.cloud, dir, "v1", Map.of()));
        int port = fixture.listener(weights(1, 0)).port();
        fixture.awaitHealthy(groupA, 1);

        String body = TestTargets.get(port, "/posts?page=2").body();
        assertThat(body).contains("path=/posts?page=2", "forwarded-for=127.0.0.1", "forwarded-proto=http",
                "forwarded-port=" + port);
    }

    @Test
    void metrics_areRecordedPerTargetGroup_underAwsNamesAndDimensions() {
        register(groupA, TestTargets.start(fixture.cloud, dir, "ok", Map.of()));
        register(groupB, TestTargets.start(fixture.cloud, dir, "broken", Map.of("BLOG_FAULTS_ERROR_RATE", "1")));
        int port = fixture.listener(weights(1, 1)).port();
        fixture.awaitHealthy(groupA, 1);
        fixture.awaitHealthy(groupB, 1);
        Instant start = Instant.now().minusSeconds(1);

        int errors = 0;
        for (int i = 0; i < 40; i++) {
            errors += TestTargets.get(port, "/").statusCode() == 500 ? 1 : 0;
        }
        Instant end = Instant.now().plusSeconds(2);

        // Like CloudWatch, the metrics appear shortly after the responses: the last one may still be on its way.
        Poll.until(Duration.ofSeconds(5), "40 requests counted",
                () -> sum("RequestCount", groupA, start, end) + sum("RequestCount", groupB, start, end) == 40);
        assertThat(sum("HTTPCode_Target_5XX_Count", groupB, start, end)).isEqualTo(errors).isPositive();
        assertThat(sum("HTTPCode_Target_2XX_Count", groupA, start, end)).isEqualTo(40 - errors);
        assertThat(sum("HTTPCode_Target_5XX_Count", groupA, start, end)).isZero();
        var p99 = fixture.cloud.cloudWatch().getMetricStatistics(r -> r.namespace("AWS/ApplicationELB")
                .metricName("TargetResponseTime").dimensions(dimensions(groupA)).startTime(start).endTime(end).period(60)
                .extendedStatistics("p99")).datapoints();
        assertThat(p99).isNotEmpty().allSatisfy(point -> assertThat(point.extendedStatistics().get("p99")).isBetween(0.0, 1.0));
        Poll.until(Duration.ofSeconds(5), "HealthyHostCount samples", () -> fixture.cloud.cloudWatch().getMetricStatistics(
                r -> r.namespace("AWS/ApplicationELB").metricName("HealthyHostCount").dimensions(dimensions(groupB))
                        .startTime(start).endTime(Instant.now().plusSeconds(1)).period(1).statistics(Statistic.MAXIMUM))
                .datapoints().stream().anyMatch(point -> point.maximum() == 1.0));
    }

    private void awaitSum(String metric, String group, Instant start, double expected) {
        Poll.until(Duration.ofSeconds(5), metric + " = " + expected,
                () -> sum(metric, group, start, Instant.now().plusSeconds(1)) == expected);
    }

    private double sum(String metric, String group, Instant start, Instant end) {
        return fixture.cloud.cloudWatch().getMetricData(r -> r.startTime(start).endTime(end).metricDataQueries(q -> q.id("m")
                        .metricStat(s -> s.stat("Sum").period(60).metric(m -> m.namespace("AWS/ApplicationELB").metricName(metric)
                                .dimensions(dimensions(group))))))
                .metricDataResults().get(0).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private List<Dimension> dimensions(String group) {
        String balancerArn = fixture.balancer();
        return List.of(Dimension.builder().name("TargetGroup").value(group.substring(group.indexOf("targetgroup/"))).build(),
                Dimension.builder().name("LoadBalancer").value(balancerArn.substring(balancerArn.indexOf("app/"))).build());
    }

    private void register(String group, int port) {
        elb.registerTargets(r -> r.targetGroupArn(group).targets(target(port)));
    }

    private TargetHealth health(String group, int port) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(group).targets(target(port)))
                .targetHealthDescriptions().get(0).targetHealth();
    }

    private static TargetDescription target(int port) {
        return TargetDescription.builder().id("127.0.0.1").port(port).build();
    }

    private Map<String, Integer> weights(int a, int b) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(groupA, a);
        weights.put(groupB, b);
        return weights;
    }
}
