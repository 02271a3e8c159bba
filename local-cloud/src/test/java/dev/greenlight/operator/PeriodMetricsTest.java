package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.greenlight.localcloud.cloudwatch.LocalCloudWatch;
import dev.greenlight.localcloud.cloudwatch.MetricKey;
import dev.greenlight.localcloud.cloudwatch.MetricStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;

/** The console's per-period metrics over the local CloudWatch: what they read, and how often. */
class PeriodMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final String BALANCER = "app/greenlight/fedcba9876543210";
    private static final String GREEN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blog-b/0b";
    private static final String BLUE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blog-a/0a";

    private final MetricStore store = new MetricStore(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC),
            Duration.ofHours(1));
    private final LocalCloudWatch local = new LocalCloudWatch(store, "us-east-1", "123456789012");
    private final List<GetMetricDataRequest> calls = new ArrayList<>();
    private final CloudWatchClient counted = new CloudWatchClient() {
        @Override
        public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
            calls.add(request);
            return local.getMetricData(request);
        }

        @Override
        public String serviceName() {
            return "monitoring";
        }

        @Override
        public void close() {
        }
    };

    @Test
    void eachSidesRequests5xxAndResponseTimes_perPeriod() {
        for (int i = 0; i < 20; i++) {
            record(GREEN, "RequestCount", T0.plusSeconds(i), 1);
            record(GREEN, "TargetResponseTime", T0.plusSeconds(i), 0.010);
            record(BLUE, "RequestCount", T0.plusSeconds(i), 3);
            record(BLUE, "TargetResponseTime", T0.plusSeconds(i), 0.004);
        }
        record(GREEN, "HTTPCode_Target_5XX_Count", T0.plusSeconds(7), 1);

        PeriodMetrics.Series series = new PeriodMetrics(() -> counted, BALANCER, 5, Duration.ofSeconds(10))
                .read(T0, T0.plusSeconds(19), GREEN, BLUE, T0.plusSeconds(20));

        assertThat(series.note()).isNull();
        assertThat(series.periods()).extracting(PeriodMetrics.Period::start)
                .containsExactly(T0, T0.plusSeconds(5), T0.plusSeconds(10), T0.plusSeconds(15));
        PeriodMetrics.Period second = series.periods().get(1);
        assertThat(second.green().requests()).isEqualTo(5);
        assertThat(second.green().errors()).isEqualTo(1);
        assertThat(second.blue().requests()).isEqualTo(15);
        assertThat(second.green().latencyMs().get(0)).isCloseTo(10, org.assertj.core.api.Assertions.within(0.5));
        assertThat(second.blue().latencyMs().get(2)).isCloseTo(4, org.assertj.core.api.Assertions.within(0.5));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).metricDataQueries()).as("ten metrics in one call").hasSize(10);
    }

    @Test
    void readsAtMostOnceAPeriod_andNotAgainWhatHasSettled() {
        PeriodMetrics metrics = new PeriodMetrics(() -> counted, BALANCER, 5, Duration.ofSeconds(10));

        metrics.read(T0, T0.plusSeconds(30), GREEN, BLUE, T0.plusSeconds(30));
        metrics.read(T0, T0.plusSeconds(32), GREEN, BLUE, T0.plusSeconds(32));
        metrics.read(T0, T0.plusSeconds(34), GREEN, BLUE, T0.plusSeconds(34));
        PeriodMetrics.Series later = metrics.read(T0, T0.plusSeconds(36), GREEN, BLUE, T0.plusSeconds(36));

        assertThat(calls).as("one read per 5 s period").hasSize(2);
        // the periods that ended more than 10 s before the first read are not read again
        assertThat(calls.get(1).startTime()).isEqualTo(T0.plusSeconds(15));
        assertThat(later.periods()).extracting(PeriodMetrics.Period::start).startsWith(T0).endsWith(T0.plusSeconds(35));
    }

    @Test
    void withoutGreenOrTheLoadBalancer_saysWhy_andCallsNothing() {
        assertThat(new PeriodMetrics(() -> counted, BALANCER, 5, Duration.ofSeconds(10))
                .read(T0, T0.plusSeconds(30), null, null, T0.plusSeconds(30)).note()).contains("before green");
        assertThat(new PeriodMetrics(() -> counted, null, 60, Duration.ofMinutes(3))
                .read(T0, T0.plusSeconds(30), GREEN, BLUE, T0.plusSeconds(30)).note()).contains("GREENLIGHT_LOAD_BALANCER");
        assertThat(calls).isEmpty();
    }

    private void record(String targetGroup, String metric, Instant at, double value) {
        store.record(new MetricKey("AWS/ApplicationELB", metric, Map.of("TargetGroup",
                targetGroup.substring(targetGroup.lastIndexOf(':') + 1), "LoadBalancer", BALANCER)), at, value);
    }
}
