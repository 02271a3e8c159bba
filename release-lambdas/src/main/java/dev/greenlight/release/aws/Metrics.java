package dev.greenlight.release.aws;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.greenlight.release.gate.BalancerMetrics;
import dev.greenlight.release.gate.GateMetrics;
import dev.greenlight.release.gate.LatencyInput.Percentile;
import dev.greenlight.release.gate.Tally;
import dev.greenlight.release.gate.TargetGroupMetrics;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Reads the ALB's CloudWatch metrics for the gate: per target group RequestCount, HTTPCode_Target_5XX_Count,
 * TargetConnectionErrorCount and UnHealthyHostCount; TargetResponseTime as percentiles and as percentile ranks
 * (PR(:t), the percentage of requests that took at most t seconds) with its SampleCount; per load balancer
 * RequestCount and HTTPCode_ELB_5XX_Count. Each query asks for periods as long as the window, so a window returns one
 * or two datapoints (CloudWatch aligns periods); counts are summed over them, and a percentile rank is turned into a
 * count per datapoint before summing.
 */
public class Metrics implements GateMetrics {

    private static final String NAMESPACE = "AWS/ApplicationELB";
    private static final String LATENCY = "TargetResponseTime";

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

    @Override
    public TargetGroupMetrics targetGroup(String targetGroupArn, Instant from, Instant to) {
        List<Dimension> dimensions = targetGroup(targetGroupArn);
        int period = period(from, to);
        Map<String, Map<Instant, Double>> values = query(from, to, List.of(
                query("requests", "RequestCount", "Sum", dimensions, period),
                query("errors", "HTTPCode_Target_5XX_Count", "Sum", dimensions, period),
                query("connections", "TargetConnectionErrorCount", "Sum", dimensions, period),
                query("unhealthy", "UnHealthyHostCount", "Maximum", dimensions, period)));
        return new TargetGroupMetrics(Math.round(sum(values, "requests")), Math.round(sum(values, "errors")),
                Math.round(sum(values, "connections")), max(values, "unhealthy"));
    }

    @Override
    public BalancerMetrics balancer(Instant from, Instant to) {
        List<Dimension> dimensions = List.of(Dimension.builder().name("LoadBalancer").value(loadBalancer).build());
        int period = period(from, to);
        Map<String, Map<Instant, Double>> values = query(from, to, List.of(
                query("requests", "RequestCount", "Sum", dimensions, period),
                query("elb", "HTTPCode_ELB_5XX_Count", "Sum", dimensions, period)));
        return new BalancerMetrics(Math.round(sum(values, "requests")), Math.round(sum(values, "elb")));
    }

    /** With two datapoints, each level is their average weighted by SampleCount. */
    @Override
    public LatencyPercentiles percentiles(String targetGroupArn, Instant from, Instant to, List<Double> levels) {
        List<Dimension> dimensions = targetGroup(targetGroupArn);
        int period = period(from, to);
        List<MetricDataQuery> queries = new ArrayList<>();
        queries.add(query("n", LATENCY, "SampleCount", dimensions, period));
        for (int i = 0; i < levels.size(); i++) {
            queries.add(query("p" + i, LATENCY, percentileStat(levels.get(i)), dimensions, period));
        }
        Map<String, Map<Instant, Double>> values = query(from, to, queries);
        Map<Instant, Double> counts = values.getOrDefault("n", Map.of());
        List<Percentile> percentiles = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            double weighted = 0;
            double weights = 0;
            for (Map.Entry<Instant, Double> point : values.getOrDefault("p" + i, Map.of()).entrySet()) {
                double weight = counts.getOrDefault(point.getKey(), 0.0);
                weighted += weight * point.getValue();
                weights += weight;
            }
            if (weights > 0) {
                percentiles.add(new Percentile(levels.get(i), weighted / weights * 1000));
            }
        }
        return new LatencyPercentiles(Math.round(sum(values, "n")), percentiles);
    }

    /**
     * How many of a target group's requests in a window took longer than each threshold: SampleCount times
     * (100 - PR(:threshold)) / 100, per datapoint.
     *
     * @return a tally per threshold, in the order given
     */
    @Override
    public List<Tally> slowerThan(String targetGroupArn, Instant from, Instant to, List<Double> thresholdsMs) {
        List<Dimension> dimensions = targetGroup(targetGroupArn);
        int period = period(from, to);
        List<MetricDataQuery> queries = new ArrayList<>();
        queries.add(query("n", LATENCY, "SampleCount", dimensions, period));
        for (int i = 0; i < thresholdsMs.size(); i++) {
            queries.add(query("rank" + i, LATENCY, "PR(:" + seconds(thresholdsMs.get(i)) + ")", dimensions, period));
        }
        Map<String, Map<Instant, Double>> values = query(from, to, queries);
        Map<Instant, Double> counts = values.getOrDefault("n", Map.of());
        long requests = Math.round(sum(values, "n"));
        List<Tally> tallies = new ArrayList<>();
        for (int i = 0; i < thresholdsMs.size(); i++) {
            double slower = 0;
            for (Map.Entry<Instant, Double> point : values.getOrDefault("rank" + i, Map.of()).entrySet()) {
                slower += counts.getOrDefault(point.getKey(), 0.0) * (100 - point.getValue()) / 100;
            }
            tallies.add(new Tally(Math.max(0, Math.min(requests, Math.round(slower))), requests));
        }
        return tallies;
    }

    /** The threshold as PR(:t) is given it: seconds, at most six decimals (a microsecond). */
    public static String seconds(double ms) {
        return BigDecimal.valueOf(ms / 1000).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** The threshold PR(:t) really uses for {@code ms}, after the rounding of {@link #seconds}. */
    @Override
    public double expressible(double ms) {
        return Double.parseDouble(seconds(ms)) * 1000;
    }

    @Override
    public Instant whenServed(String targetGroupArn, Instant from, Instant to, long requests, int periodSeconds) {
        if (!to.isAfter(from)) {
            return null;
        }
        int period = Math.max(1, periodSeconds);
        Map<Instant, Double> counts = query(from, to, List.of(query("requests", "RequestCount", "Sum",
                targetGroup(targetGroupArn), period))).getOrDefault("requests", Map.of());
        double served = 0;
        for (Instant start : new java.util.TreeSet<>(counts.keySet())) {
            served += counts.get(start);
            if (served >= requests) {
                return start.plusSeconds(period);
            }
        }
        return null;
    }

    @Override
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            return List.of();
        }
        return cloudWatch.describeAlarms(b -> b.alarmNames(alarmNames).stateValue(StateValue.ALARM))
                .metricAlarms().stream().map(a -> a.alarmName()).toList();
    }

    private List<Dimension> targetGroup(String targetGroupArn) {
        return List.of(Dimension.builder().name("TargetGroup").value(targetGroupDimension(targetGroupArn)).build(),
                Dimension.builder().name("LoadBalancer").value(loadBalancer).build());
    }

    private Map<String, Map<Instant, Double>> query(Instant from, Instant to, List<MetricDataQuery> queries) {
        Map<String, Map<Instant, Double>> values = new HashMap<>();
        String token = null;
        do {
            String next = token;
            var response = cloudWatch.getMetricData(b -> b.startTime(from).endTime(to).metricDataQueries(queries)
                    .nextToken(next));
            for (MetricDataResult result : response.metricDataResults()) {
                Map<Instant, Double> series = values.computeIfAbsent(result.id(), id -> new LinkedHashMap<>());
                for (int i = 0; i < result.values().size() && i < result.timestamps().size(); i++) {
                    series.merge(result.timestamps().get(i), result.values().get(i), Double::sum);
                }
            }
            token = response.nextToken();
        } while (token != null);
        return values;
    }

    private static double sum(Map<String, Map<Instant, Double>> values, String id) {
        return values.getOrDefault(id, Map.of()).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double max(Map<String, Map<Instant, Double>> values, String id) {
        return values.getOrDefault(id, Map.of()).values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static String percentileStat(double level) {
        return "p" + BigDecimal.valueOf(level * 100).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
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
    public static int period(Instant from, Instant to) {
        long seconds = Math.max(1, Duration.between(from, to).toSeconds());
        for (int allowed : new int[] {1, 5, 10, 30, 60}) {
            if (seconds <= allowed) {
                return allowed;
            }
        }
        return (int) ((seconds + 59) / 60) * 60;
    }
}
