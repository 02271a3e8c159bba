package dev.greenlight.release.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.greenlight.release.gate.BalancerMetrics;
import dev.greenlight.release.gate.TargetGroupMetrics;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Reads the ALB's CloudWatch metrics for a bake window: per target group RequestCount,
 * HTTPCode_Target_5XX_Count, TargetConnectionErrorCount, TargetResponseTime p99 and UnHealthyHostCount, and
 * per load balancer RequestCount and HTTPCode_ELB_5XX_Count. The whole window is one period, so each query
 * returns one value.
 */
public class Metrics {

    private static final String NAMESPACE = "AWS/ApplicationELB";

    private final CloudWatchClient cloudWatch;
    private final String loadBalancer;

    public Metrics(CloudWatchClient cloudWatch, String loadBalancer) {
        this.cloudWatch = cloudWatch;
        this.loadBalancer = loadBalancer;
    }

    /** The CloudWatch dimension of a target group: the part of its ARN after the last colon. */
    public static String targetGroupDimension(String targetGroupArn) {
        return targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
    }

    public TargetGroupMetrics targetGroup(String targetGroupArn, Instant from, Instant to) {
        List<Dimension> dimensions = List.of(
                Dimension.builder().name("TargetGroup").value(targetGroupDimension(targetGroupArn)).build(),
                Dimension.builder().name("LoadBalancer").value(loadBalancer).build());
        int period = period(from, to);
        Map<String, Double> values = query(from, to, List.of(
                query("requests", "RequestCount", "Sum", dimensions, period),
                query("errors", "HTTPCode_Target_5XX_Count", "Sum", dimensions, period),
                query("connections", "TargetConnectionErrorCount", "Sum", dimensions, period),
                query("latency", "TargetResponseTime", "p99", dimensions, period),
                query("unhealthy", "UnHealthyHostCount", "Maximum", dimensions, period)));
        long requests = Math.round(values.getOrDefault("requests", 0.0));
        return new TargetGroupMetrics(requests, Math.round(values.getOrDefault("errors", 0.0)),
                Math.round(values.getOrDefault("connections", 0.0)),
                values.containsKey("latency") && requests > 0 ? values.get("latency") * 1000 : Double.NaN,
                values.getOrDefault("unhealthy", 0.0));
    }

    public BalancerMetrics balancer(Instant from, Instant to) {
        List<Dimension> dimensions = List.of(Dimension.builder().name("LoadBalancer").value(loadBalancer).build());
        int period = period(from, to);
        Map<String, Double> values = query(from, to, List.of(
                query("requests", "RequestCount", "Sum", dimensions, period),
                query("elb", "HTTPCode_ELB_5XX_Count", "Sum", dimensions, period)));
        return new BalancerMetrics(Math.round(values.getOrDefault("requests", 0.0)),
                Math.round(values.getOrDefault("elb", 0.0)));
    }

    /** Names of the given alarms that are in ALARM now. */
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            return List.of();
        }
        return cloudWatch.describeAlarms(b -> b.alarmNames(alarmNames).stateValue(StateValue.ALARM))
                .metricAlarms().stream().map(a -> a.alarmName()).toList();
    }

    private Map<String, Double> query(Instant from, Instant to, List<MetricDataQuery> queries) {
        GetMetricDataResponse response = cloudWatch.getMetricData(b -> b.startTime(from).endTime(to)
                .metricDataQueries(queries));
        Map<String, Double> values = new java.util.HashMap<>();
        for (MetricDataResult result : response.metricDataResults()) {
            if (result.hasValues() && !result.values().isEmpty()) {
                List<Double> all = new ArrayList<>(result.values());
                values.put(result.id(), result.id().equals("latency") || result.id().equals("unhealthy")
                        ? all.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                        : all.stream().mapToDouble(Double::doubleValue).sum());
            }
        }
        return values;
    }

    private static MetricDataQuery query(String id, String metric, String stat, List<Dimension> dimensions, int period) {
        return MetricDataQuery.builder().id(id).returnData(true)
                .metricStat(s -> s.stat(stat).period(period).metric(m -> m.namespace(NAMESPACE).metricName(metric)
                        .dimensions(dimensions)))
                .build();
    }

    /**
     * One period covering the whole window: the smallest period CloudWatch accepts (1, 5, 10, 30 or a multiple
     * of 60 seconds) that is at least as long as the window.
     */
    static int period(Instant from, Instant to) {
        long seconds = Math.max(1, Duration.between(from, to).toSeconds());
        for (int allowed : new int[] {1, 5, 10, 30, 60}) {
            if (seconds <= allowed) {
                return allowed;
            }
        }
        return (int) ((seconds + 59) / 60) * 60;
    }
}
