package dev.greenlight.localcloud.cloudwatch;

import org.junit.jupiter.api.BeforeEach;
import dev.greenlight.localcloud.LocalCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GetMetricData, GetMetricStatistics and DescribeAlarms over recorded ALB metrics. */
class CloudWatchContractTest {

    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final String GROUP = "targetgroup/blog-b/0123456789abcdef";
    private static final String BALANCER = "app/greenlight/fedcba9876543210";
    private static final Map<String, String> DIMENSIONS = Map.of("TargetGroup", GROUP, "LoadBalancer", BALANCER);

    private MutableClock clock;
    private MetricStore store;
    private LocalCloudWatch cloudWatch;

    @BeforeEach
    void create() {
        clock = new MutableClock(T0);
        store = new MetricStore(clock, Duration.ofHours(1));
        cloudWatch = new LocalCloudWatch(store, "us-east-1", "123456789012");
    }

    @Test
    void getMetricStatistics_computesEveryStatisticPerPeriod() {
        for (int i = 1; i <= 100; i++) {
            store.record(key("TargetResponseTime"), T0.plusMillis(i * 10L), i / 1000.0);
        }

        Datapoint point = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApplicationELB").metricName("TargetResponseTime")
                .dimensions(dimensions()).startTime(T0).endTime(T0.plusSeconds(60)).period(60)
                .statistics(Statistic.SUM, Statistic.AVERAGE, Statistic.SAMPLE_COUNT, Statistic.MINIMUM, Statistic.MAXIMUM))
                .datapoints().get(0);
        assertThat(point.timestamp()).isEqualTo(T0);
        assertThat(point.sum()).isCloseTo(5.05, within());
        assertThat(point.average()).isCloseTo(0.0505, within());
        assertThat(point.sampleCount()).isEqualTo(100.0);
        assertThat(point.minimum()).isCloseTo(0.001, within());
        assertThat(point.maximum()).isCloseTo(0.1, within());

        Map<String, Double> percentiles = cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApplicationELB")
                .metricName("TargetResponseTime").dimensions(dimensions()).startTime(T0).endTime(T0.plusSeconds(60)).period(60)
                .extendedStatistics("p50", "p90", "p99")).datapoints().get(0).extendedStatistics();
        assertThat(percentiles.get("p50")).isCloseTo(0.050, within());
        assertThat(percentiles.get("p90")).isCloseTo(0.090, within());
        assertThat(percentiles.get("p99")).isCloseTo(0.099, within());
    }

    @Test
    void percentileRank_isThePercentageAtOrBelowTheUpperBoundAndAboveTheLowerOne_asCloudWatchDefinesIt() {
        // 100 response times of 0.001 s to 0.100 s. CloudWatch: "PR(:300) returns the percentage of data points that
        // have a value of 300 or less"; "PR(100:2000) returns the percentage of data points that have a value between
        // 100 and 2000"; "Percentile rank is exclusive on the lower bound and inclusive on the upper bound."
        for (int i = 1; i <= 100; i++) {
            store.record(key("TargetResponseTime"), T0.plusMillis(i * 10L), i / 1000.0);
        }

        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(60))
                .metricDataQueries(query("upto", "TargetResponseTime", "PR(:0.03)", 60),
                        query("between", "TargetResponseTime", "PR(0.01:0.02)", 60),
                        query("above", "TargetResponseTime", "PR(0.095:)", 60),
                        query("none", "TargetResponseTime", "PR(:0.0005)", 60),
                        query("all", "TargetResponseTime", "PR(:1)", 60)));

        assertThat(value(response, "upto")).isCloseTo(30.0, within());
        assertThat(value(response, "between")).isCloseTo(10.0, within());
        assertThat(value(response, "above")).isCloseTo(5.0, within());
        assertThat(value(response, "none")).isCloseTo(0.0, within());
        assertThat(value(response, "all")).isCloseTo(100.0, within());
    }

    @Test
    void percentileRank_timesSampleCount_countsTheRequestsAtOrBelowTheThreshold_perPeriod() {
        for (int second = 0; second < 3; second++) {
            for (int i = 1; i <= 10; i++) {
                store.record(key("TargetResponseTime"), T0.plusSeconds(second).plusMillis(i * 50L),
                        (second + 1) * i / 100.0);
            }
        }

        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(3))
                .metricDataQueries(query("n", "TargetResponseTime", "SampleCount", 1),
                        query("fast", "TargetResponseTime", "PR(:0.1)", 1)));

        // second 0: 0.01..0.10, all 10 at or below 0.1; second 1: 0.02..0.20, 5; second 2: 0.03..0.30, 3
        List<Double> counts = response.metricDataResults().get(0).values();
        List<Double> ranks = response.metricDataResults().get(1).values();
        double atOrBelow = 0;
        for (int i = 0; i < counts.size(); i++) {
            atOrBelow += counts.get(i) * ranks.get(i) / 100;
        }
        assertThat(atOrBelow).isCloseTo(18.0, within());
    }

    @Test
    void percentileRanks_thatCloudWatchRejects_areRejected() {
        for (String bad : List.of("PR()", "PR(:)", "PR(5:1)", "PR(:-1)", "pr(:1)", "PR(1%:2%)")) {
            assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(60))
                    .metricDataQueries(query("a", "TargetResponseTime", bad, 60))))
                    .as(bad).isInstanceOf(InvalidParameterValueException.class);
        }
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApplicationELB")
                .metricName("TargetResponseTime").dimensions(dimensions()).startTime(T0).endTime(T0.plusSeconds(60))
                .period(60).extendedStatistics("PR(:0.1)")))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("percentiles only");
    }

    @Test
    void getMetricData_sumsPerSecond_newestFirst_andSkipsQueriesThatReturnNoData() {
        store.record(key("RequestCount"), T0.plusMillis(100), 1);
        store.record(key("RequestCount"), T0.plusMillis(900), 1);
        store.record(key("RequestCount"), T0.plusSeconds(2), 1);

        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(10))
                .metricDataQueries(query("requests", "RequestCount", "Sum", 1),
                        query("errors", "HTTPCode_Target_5XX_Count", "Sum", 1),
                        query("hidden", "RequestCount", "SampleCount", 1).toBuilder().returnData(false).build()));

        assertThat(response.metricDataResults()).hasSize(2);
        var requests = response.metricDataResults().get(0);
        assertThat(requests.id()).isEqualTo("requests");
        assertThat(requests.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(requests.timestamps()).containsExactly(T0.plusSeconds(2), T0);
        assertThat(requests.values()).containsExactly(1.0, 2.0);
        assertThat(response.metricDataResults().get(1).values()).as("no 5XX recorded").isEmpty();
    }

    @Test
    void invalidRequests_getCloudWatchsErrors() {
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(10))
                .metricDataQueries(query("Requests", "RequestCount", "Sum", 1))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("lowercase letter");
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(10))
                .metricDataQueries(query("a", "RequestCount", "Sum", 1), query("a", "RequestCount", "Sum", 1))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("not unique");
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(10))
                .metricDataQueries(query("a", "RequestCount", "Sum", 7))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("1, 5, 10, 30, or a multiple of 60");
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(10))
                .metricDataQueries(query("a", "RequestCount", "Median", 1))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0)
                .metricDataQueries(query("a", "RequestCount", "Sum", 1))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("StartTime must be less than");
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApplicationELB").metricName("RequestCount")
                .startTime(T0).endTime(T0.plusSeconds(60)).period(60).statistics(Statistic.SUM).extendedStatistics("p99")))
                .isInstanceOf(InvalidParameterCombinationException.class);
        assertThatThrownBy(() -> cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ApplicationELB").metricName("RequestCount")
                .startTime(T0).endTime(T0.plusSeconds(3600)).period(1).statistics(Statistic.SUM)))
                .isInstanceOf(InvalidParameterCombinationException.class).hasMessageContaining("1,440");
    }

    @Test
    void thresholdAlarm_goesFromInsufficientDataToAlarm_whenEnoughPeriodsBreach() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("blog-b-5xx").namespace("AWS/ApplicationELB")
                .metricName("HTTPCode_Target_5XX_Count").dimensions(dimensions()).statistic(Statistic.SUM).period(10)
                .evaluationPeriods(3).datapointsToAlarm(2).threshold(5.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("notBreaching"));
        cloudWatch.putMetricAlarm(r -> r.alarmName("other").namespace("AWS/ApplicationELB").metricName("RequestCount")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD));

        assertThat(alarm("blog-b-5xx").stateValue()).isEqualTo(StateValue.OK);
        assertThat(alarm("other").stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);

        recordErrors(T0.plusSeconds(1), 6);
        recordErrors(T0.plusSeconds(12), 2);
        clock.advance(Duration.ofSeconds(20));
        assertThat(alarm("blog-b-5xx").stateValue()).as("one breaching period of the last three").isEqualTo(StateValue.OK);

        recordErrors(T0.plusSeconds(21), 9);
        clock.advance(Duration.ofSeconds(10));
        MetricAlarm alarm = alarm("blog-b-5xx");
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).contains("2 out of the last 3 datapoints");
        assertThat(alarm.stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(30));
        assertThat(alarm.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:blog-b-5xx");
        assertThat(cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM)).metricAlarms())
                .extracting(MetricAlarm::alarmName).containsExactly("blog-b-5xx");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("blog-")).metricAlarms()).hasSize(1);
        assertThatThrownBy(() -> cloudWatch.describeAlarms(r -> r.alarmNames("other").alarmNamePrefix("o")))
                .isInstanceOf(InvalidParameterCombinationException.class);
    }

    @Test
    void alarmsFromTheLocalCloudsConfiguration_areDescribed(@TempDir Path dir) {
        PutMetricAlarmRequest configured = PutMetricAlarmRequest.builder().alarmName("blog-latency")
                .namespace("AWS/ApplicationELB").metricName("TargetResponseTime").extendedStatistic("p99").period(60)
                .evaluationPeriods(1).threshold(0.5).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).build();

        try (LocalCloud cloud = new LocalCloud(LocalCloud.Config.defaults(dir).withAlarms(List.of(configured)))) {
            MetricAlarm alarm = cloud.cloudWatch().describeAlarms(r -> r.alarmNames("blog-latency")).metricAlarms().get(0);
            assertThat(alarm.extendedStatistic()).isEqualTo("p99");
            assertThat(alarm.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        }
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(configured.toBuilder().period(7).build()))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    private void recordErrors(Instant at, int count) {
        for (int i = 0; i < count; i++) {
            store.record(key("HTTPCode_Target_5XX_Count"), at, 1);
        }
    }

    private MetricAlarm alarm(String name) {
        return cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0);
    }

    private static MetricKey key(String metric) {
        return new MetricKey("AWS/ApplicationELB", metric, DIMENSIONS);
    }

    private static Dimension[] dimensions() {
        return new Dimension[]{Dimension.builder().name("TargetGroup").value(GROUP).build(),
                Dimension.builder().name("LoadBalancer").value(BALANCER).build()};
    }

    private static MetricDataQuery query(String id, String metric, String stat, int period) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.stat(stat).period(period)
                .metric(m -> m.namespace("AWS/ApplicationELB").metricName(metric).dimensions(dimensions()))).build();
    }

    private static double value(GetMetricDataResponse response, String id) {
        return response.metricDataResults().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow()
                .values().get(0);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
