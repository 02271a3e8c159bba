package dev.greenlight.localcloud.cloudwatch;

import dev.greenlight.localcloud.AwsErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CloudWatch over the local {@link MetricStore}: GetMetricData, GetMetricStatistics, PutMetricData,
 * and metric-threshold alarms (PutMetricAlarm, DescribeAlarms). Periods of 1, 5, 10 and 30 seconds
 * (high resolution) and multiples of 60 are accepted, as on AWS.
 */
public final class LocalCloudWatch implements CloudWatchClient {

    private static final Pattern QUERY_ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final int MAX_DATAPOINTS = 1440;
    private static final int MAX_QUERIES = 500;

    private final MetricStore store;
    private final String region;
    private final String accountId;
    private final Map<String, AlarmState> alarms = new LinkedHashMap<>();

    public LocalCloudWatch(MetricStore store, String region, String accountId) {
        this.store = store;
        this.region = region;
        this.accountId = accountId;
    }

    @Override
    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
        List<MetricDataQuery> queries = request.metricDataQueries();
        if (queries.isEmpty()) {
            throw missing("MetricDataQueries");
        }
        if (queries.size() > MAX_QUERIES) {
            throw invalid("The collection MetricDataQueries must not have a size greater than " + MAX_QUERIES + ".");
        }
        requireTimeRange(request.startTime(), request.endTime());
        Set<String> ids = new HashSet<>();
        List<MetricDataResult> results = new ArrayList<>();
        for (MetricDataQuery query : queries) {
            validateQuery(query, ids);
            if (Boolean.FALSE.equals(query.returnData())) {
                continue;
            }
            results.add(evaluate(query, request.startTime(), request.endTime(),
                    request.scanBy() != ScanBy.TIMESTAMP_ASCENDING));
        }
        return GetMetricDataResponse.builder().metricDataResults(results).build();
    }

    @Override
    public GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request) {
        requirePresent(request.namespace(), "Namespace");
        requirePresent(request.metricName(), "MetricName");
        requirePresent(request.period(), "Period");
        requireTimeRange(request.startTime(), request.endTime());
        requireValidPeriod(request.period(), "Period");
        boolean plain = request.hasStatistics() && !request.statistics().isEmpty();
        boolean extended = request.hasExtendedStatistics() && !request.extendedStatistics().isEmpty();
        if (plain == extended) {
            throw AwsErrors.error(InvalidParameterCombinationException.builder(), "CloudWatch", "InvalidParameterCombination",
                    "Must specify either Statistics or ExtendedStatistics, but not both.");
        }
        List<Statistic> statistics = (plain ? request.statisticsAsStrings() : request.extendedStatistics()).stream()
                .map(name -> parseStatistic(name, plain ? "Statistics" : "ExtendedStatistics"))
                .toList();
        if (!plain && statistics.stream().anyMatch(statistic -> !statistic.isPercentile())) {
            // GetMetricStatistics takes percentiles (p0.0 to p100) as extended statistics; PR and the like are
            // GetMetricData's
            throw invalid("The parameter ExtendedStatistics takes percentiles only, p0.0 to p100.");
        }
        long requested = (request.endTime().getEpochSecond() - request.startTime().getEpochSecond()) / request.period();
        if (requested > MAX_DATAPOINTS) {
            throw AwsErrors.error(InvalidParameterCombinationException.builder(), "CloudWatch", "InvalidParameterCombination",
                    "You have requested up to " + requested + " datapoints, which exceeds the limit of " + String.format(java.util.Locale.ROOT, "%,d", MAX_DATAPOINTS)
                            + ". You may reduce the datapoints requested by increasing Period, or decreasing the time range.");
        }
        MetricKey key = new MetricKey(request.namespace(), request.metricName(), dimensions(request.dimensions()));
        List<Datapoint> datapoints = new ArrayList<>();
        store.samplesByPeriod(key, request.startTime(), request.endTime(), request.period())
                .forEach((timestamp, samples) -> datapoints.add(datapoint(timestamp, samples, statistics, request)));
        return GetMetricStatisticsResponse.builder().label(request.metricName()).datapoints(datapoints).build();
    }

    @Override
    public PutMetricDataResponse putMetricData(PutMetricDataRequest request) {
        requirePresent(request.namespace(), "Namespace");
        if (request.namespace().startsWith("AWS/")) {
            throw invalid("The value AWS/ for parameter Namespace is invalid.");
        }
        Instant now = store.clock().instant();
        request.metricData().forEach(datum -> {
            MetricKey key = new MetricKey(request.namespace(), datum.metricName(), dimensions(datum.dimensions()));
            Instant at = datum.timestamp() == null ? now : datum.timestamp();
            if (datum.value() != null) {
                store.record(key, at, datum.value());
            }
            datum.values().forEach(value -> store.record(key, at, value));
        });
        return PutMetricDataResponse.builder().build();
    }

    @Override
    public synchronized PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest request) {
        AlarmState.validate(request);
        AlarmState existing = alarms.get(request.alarmName());
        AlarmState alarm = new AlarmState(request, alarmArn(request.alarmName()), store.clock().instant());
        if (existing != null) {
            alarm.keepStateOf(existing);
        }
        alarms.put(request.alarmName(), alarm);
        return PutMetricAlarmResponse.builder().build();
    }

    @Override
    public synchronized DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
        if (request.hasAlarmNames() && !request.alarmNames().isEmpty() && request.alarmNamePrefix() != null) {
            throw AwsErrors.error(InvalidParameterCombinationException.builder(), "CloudWatch", "InvalidParameterCombination",
                    "AlarmNames and AlarmNamePrefix cannot be specified together.");
        }
        if (request.hasAlarmNames() && request.alarmNames().size() > 100) {
            throw invalid("The collection AlarmNames must not have a size greater than 100.");
        }
        Instant now = store.clock().instant();
        List<MetricAlarm> matching = alarms.values().stream()
                .filter(alarm -> !request.hasAlarmNames() || request.alarmNames().isEmpty()
                        || request.alarmNames().contains(alarm.name()))
                .filter(alarm -> request.alarmNamePrefix() == null || alarm.name().startsWith(request.alarmNamePrefix()))
                .map(alarm -> alarm.evaluate(this::periodValues, now))
                .filter(alarm -> request.stateValue() == null || alarm.stateValue() == request.stateValue())
                .toList();
        return DescribeAlarmsResponse.builder().metricAlarms(matching).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // Nothing to release: the store belongs to the local cloud.
    }

    /** Values of one statistic per period, for alarm evaluation. */
    NavigableMap<Instant, Double> periodValues(MetricKey key, Statistic statistic, Instant start, Instant end, int period) {
        NavigableMap<Instant, Double> values = new java.util.TreeMap<>();
        store.samplesByPeriod(key, start, end, period).forEach((at, samples) -> values.put(at, statistic.apply(samples)));
        return values;
    }

    private MetricDataResult evaluate(MetricDataQuery query, Instant start, Instant end, boolean descending) {
        MetricStat stat = query.metricStat();
        Statistic statistic = Statistic.parse(stat.stat());
        MetricKey key = new MetricKey(stat.metric().namespace(), stat.metric().metricName(),
                dimensions(stat.metric().dimensions()));
        NavigableMap<Instant, Double> values = periodValues(key, statistic, start, end, stat.period());
        NavigableMap<Instant, Double> ordered = descending ? values.descendingMap() : values;
        return MetricDataResult.builder()
                .id(query.id())
                .label(query.label() != null ? query.label() : stat.metric().metricName())
                .timestamps(ordered.keySet())
                .values(ordered.values())
                .statusCode(StatusCode.COMPLETE)
                .build();
    }

    private void validateQuery(MetricDataQuery query, Set<String> ids) {
        if (query.id() == null || !QUERY_ID.matcher(query.id()).matches()) {
            throw invalid("The value " + query.id() + " for parameter MetricDataQueries.member.Id is invalid:"
                    + " it must start with a lowercase letter and contain only letters, numbers and underscores.");
        }
        if (!ids.add(query.id())) {
            throw invalid("The value " + query.id() + " for parameter MetricDataQueries.member.Id is not unique.");
        }
        if (query.expression() != null) {
            throw invalid("Metric math expressions are not supported by the local CloudWatch (query " + query.id() + ").");
        }
        MetricStat stat = query.metricStat();
        if (stat == null) {
            throw AwsErrors.error(InvalidParameterCombinationException.builder(), "CloudWatch", "InvalidParameterCombination",
                    "Exactly one of MetricStat and Expression must be specified (query " + query.id() + ").");
        }
        if (stat.metric() == null || stat.metric().metricName() == null || stat.metric().namespace() == null) {
            throw missing("MetricDataQueries.member.MetricStat.Metric");
        }
        requirePresent(stat.period(), "MetricDataQueries.member.MetricStat.Period");
        requireValidPeriod(stat.period(), "MetricDataQueries.member.MetricStat.Period");
        parseStatistic(stat.stat(), "MetricDataQueries.member.MetricStat.Stat");
    }

    private Datapoint datapoint(Instant timestamp, double[] samples, List<Statistic> statistics,
                                GetMetricStatisticsRequest request) {
        Datapoint.Builder point = Datapoint.builder().timestamp(timestamp);
        Map<String, Double> extended = new LinkedHashMap<>();
        for (Statistic statistic : statistics) {
            double value = statistic.apply(samples);
            switch (statistic.name()) {
                case "Sum" -> point.sum(value);
                case "Average" -> point.average(value);
                case "SampleCount" -> point.sampleCount(value);
                case "Minimum" -> point.minimum(value);
                case "Maximum" -> point.maximum(value);
                default -> extended.put(statistic.name(), value);
            }
        }
        if (!extended.isEmpty()) {
            point.extendedStatistics(extended);
        }
        if (request.unit() != null) {
            point.unit(request.unit());
        }
        return point.build();
    }

    private Statistic parseStatistic(String name, String parameter) {
        Statistic statistic = Statistic.parse(name);
        if (statistic == null) {
            throw invalid("The value " + name + " for parameter " + parameter + " is not supported.");
        }
        return statistic;
    }

    static void requireValidPeriod(Integer period, String parameter) {
        boolean highResolution = period == 1 || period == 5 || period == 10 || period == 30;
        if (period <= 0 || !(highResolution || period % 60 == 0)) {
            throw invalid("The parameter " + parameter + " must be 1, 5, 10, 30, or a multiple of 60.");
        }
    }

    private static void requireTimeRange(Instant start, Instant end) {
        requirePresent(start, "StartTime");
        requirePresent(end, "EndTime");
        if (!start.isBefore(end)) {
            throw invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
    }

    static void requirePresent(Object value, String parameter) {
        if (value == null) {
            throw missing(parameter);
        }
    }

    static Map<String, String> dimensions(List<Dimension> dimensions) {
        if (dimensions.size() > 30) {
            throw invalid("The collection Dimensions must not have a size greater than 30.");
        }
        return dimensions.stream().collect(Collectors.toMap(Dimension::name, Dimension::value, (a, b) -> {
            throw invalid("No two Dimensions may have the same name.");
        }));
    }

    static AwsServiceException invalid(String message) {
        return AwsErrors.error(InvalidParameterValueException.builder(), "CloudWatch", "InvalidParameterValue", message);
    }

    private static AwsServiceException missing(String parameter) {
        return AwsErrors.error(MissingRequiredParameterException.builder(), "CloudWatch", "MissingParameter",
                "The parameter " + parameter + " is required.");
    }

    private String alarmArn(String name) {
        return "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:" + name;
    }
}
