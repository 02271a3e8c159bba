package dev.greenlight.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Green's and blue's ALB metrics over a release, period by period: requests, target 5xx and the response time's
 * p50, p90 and p99, per target group. One GetMetricData call (ten metrics) reads them, at most once a period; a
 * period that ended longer ago than CloudWatch may still be filling in is kept and not read again.
 */
final class PeriodMetrics {

    static final List<String> QUANTILES = List.of("p50", "p90", "p99");

    /**
     * One side in one period.
     *
     * @param requests  RequestCount, Sum
     * @param errors    HTTPCode_Target_5XX_Count, Sum
     * @param latencyMs TargetResponseTime p50, p90, p99, in milliseconds; null where no request was timed
     */
    record Side(double requests, double errors, List<Double> latencyMs) {
    }

    /** A period, by its start. */
    record Period(Instant start, Side green, Side blue) {
    }

    /**
     * What the console shows.
     *
     * @param periodSeconds the periods' length
     * @param periods       oldest first
     * @param note          why there are none, or null
     */
    record Series(int periodSeconds, List<Period> periods, String note) {

        static Series none(int periodSeconds, String note) {
            return new Series(periodSeconds, List.of(), note);
        }
    }

    /** Locally metrics are complete at once; the ALB's on AWS come a minute at a time, up to minutes late. */
    static final int LOCAL_PERIOD_SECONDS = 5;
    static final int AWS_PERIOD_SECONDS = 60;

    private final Supplier<CloudWatchClient> cloudWatch;
    private final String loadBalancer;
    private final int periodSeconds;
    private final Duration settle;
    private final TreeMap<Instant, Period> settled = new TreeMap<>();
    private Instant readAt = Instant.EPOCH;
    private String groups;
    private Series last;

    /** The metrics of the target's ALB, at its period. */
    static PeriodMetrics of(Cloud cloud) {
        Target target = cloud.target();
        return target.local()
                ? new PeriodMetrics(cloud::cloudWatch, target.loadBalancer(), LOCAL_PERIOD_SECONDS, Duration.ofSeconds(10))
                : new PeriodMetrics(cloud::cloudWatch, target.loadBalancer(), AWS_PERIOD_SECONDS, Duration.ofMinutes(3));
    }

    /**
     * @param loadBalancer  the ALB's dimension, {@code app/NAME/ID}; null if unknown
     * @param periodSeconds the period: 60 on AWS (the ALB publishes a minute's metrics), a few seconds locally
     * @param settle        how long after a period ends CloudWatch may still add to it
     */
    PeriodMetrics(Supplier<CloudWatchClient> cloudWatch, String loadBalancer, int periodSeconds, Duration settle) {
        this.cloudWatch = cloudWatch;
        this.loadBalancer = loadBalancer;
        this.periodSeconds = periodSeconds;
        this.settle = settle;
    }

    /**
     * The periods from {@code from} to {@code to}, read again only once a period has passed since the last read.
     *
     * @param green the green target group's ARN; null while not known
     * @param blue  the blue target group's ARN; null on a first release
     */
    synchronized Series read(Instant from, Instant to, String green, String blue, Instant now) {
        if (loadBalancer == null) {
            return Series.none(periodSeconds, periodSeconds == LOCAL_PERIOD_SECONDS
                    ? "this local system serves no CloudWatch API; restart it with ./greenlight down and ./greenlight up"
                    : "the console does not know the load balancer: set GREENLIGHT_LOAD_BALANCER to the terraform"
                    + " output load_balancer_dimension");
        }
        if (green == null || from == null) {
            return Series.none(periodSeconds, "no metrics before green is deployed");
        }
        String these = green + " " + blue;
        if (!these.equals(groups)) {
            groups = these;
            settled.clear();
            last = null;
        }
        if (last != null && Duration.between(readAt, now).toSeconds() < periodSeconds) {
            return last;
        }
        readAt = now;
        Instant start = floor(settled.isEmpty() ? from : settled.lastKey().plusSeconds(periodSeconds));
        Instant end = floor(to).plusSeconds(periodSeconds);
        TreeMap<Instant, Period> periods = new TreeMap<>(settled);
        if (start.isBefore(end)) {
            Map<String, Map<Instant, Double>> values = query(start, end, green, blue);
            for (Instant at = start; at.isBefore(end); at = at.plusSeconds(periodSeconds)) {
                Period period = new Period(at, side(values, "g", at), blue == null ? null : side(values, "b", at));
                periods.put(at, period);
                if (at.plusSeconds(periodSeconds).plus(settle).isBefore(now)) {
                    settled.put(at, period);
                }
            }
        }
        last = new Series(periodSeconds, List.copyOf(periods.values()), null);
        return last;
    }

    private Instant floor(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), periodSeconds) * periodSeconds);
    }

    private Map<String, Map<Instant, Double>> query(Instant start, Instant end, String green, String blue) {
        List<MetricDataQuery> queries = new ArrayList<>(queries("g", green));
        if (blue != null) {
            queries.addAll(queries("b", blue));
        }
        Map<String, Map<Instant, Double>> values = new HashMap<>();
        String token = null;
        do {
            String next = token;
            GetMetricDataResponse response = cloudWatch.get().getMetricData(r -> r.startTime(start).endTime(end)
                    .metricDataQueries(queries).nextToken(next));
            for (MetricDataResult result : response.metricDataResults()) {
                Map<Instant, Double> series = values.computeIfAbsent(result.id(), id -> new HashMap<>());
                for (int i = 0; i < result.timestamps().size() && i < result.values().size(); i++) {
                    series.put(result.timestamps().get(i), result.values().get(i));
                }
            }
            token = response.nextToken();
        } while (token != null);
        return values;
    }

    private List<MetricDataQuery> queries(String side, String targetGroupArn) {
        List<Dimension> dimensions = List.of(
                Dimension.builder().name("TargetGroup").value(targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1))
                        .build(),
                Dimension.builder().name("LoadBalancer").value(loadBalancer).build());
        List<MetricDataQuery> queries = new ArrayList<>();
        queries.add(query(side + "r", "RequestCount", "Sum", dimensions));
        queries.add(query(side + "e", "HTTPCode_Target_5XX_Count", "Sum", dimensions));
        for (String quantile : QUANTILES) {
            queries.add(query(side + quantile, "TargetResponseTime", quantile, dimensions));
        }
        return queries;
    }

    private MetricDataQuery query(String id, String metric, String stat, List<Dimension> dimensions) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.period(periodSeconds).stat(stat)
                .metric(m -> m.namespace("AWS/ApplicationELB").metricName(metric).dimensions(dimensions))).build();
    }

    private static Side side(Map<String, Map<Instant, Double>> values, String side, Instant at) {
        List<Double> latency = new ArrayList<>();
        for (String quantile : QUANTILES) {
            Double seconds = values.getOrDefault(side + quantile, Map.of()).get(at);
            latency.add(seconds == null ? null : seconds * 1000);
        }
        return new Side(values.getOrDefault(side + "r", Map.of()).getOrDefault(at, 0.0),
                values.getOrDefault(side + "e", Map.of()).getOrDefault(at, 0.0), latency);
    }
}
