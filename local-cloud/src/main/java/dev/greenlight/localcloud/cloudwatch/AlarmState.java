package dev.greenlight.localcloud.cloudwatch;

import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * One metric-threshold alarm and its current state. It is evaluated like CloudWatch does: over
 * the last {@code evaluationPeriods} complete periods, the alarm is in ALARM when at least
 * {@code datapointsToAlarm} of them breach; missing periods are treated per {@code treatMissingData}.
 */
final class AlarmState {

    interface PeriodValues {
        NavigableMap<Instant, Double> of(MetricKey key, Statistic statistic, Instant start, Instant end, int period);
    }

    private final PutMetricAlarmRequest definition;
    private final String arn;
    private final MetricKey key;
    private final Statistic statistic;
    private StateValue state = StateValue.INSUFFICIENT_DATA;
    private String reason = "Unchecked: Initial alarm creation";
    private Instant stateUpdatedAt;

    AlarmState(PutMetricAlarmRequest definition, String arn, Instant now) {
        this.definition = definition;
        this.arn = arn;
        this.key = new MetricKey(definition.namespace(), definition.metricName(),
                LocalCloudWatch.dimensions(definition.dimensions()));
        this.statistic = Statistic.parse(definition.statistic() != null ? definition.statisticAsString()
                : definition.extendedStatistic());
        this.stateUpdatedAt = now;
    }

    static void validate(PutMetricAlarmRequest request) {
        LocalCloudWatch.requirePresent(request.alarmName(), "AlarmName");
        LocalCloudWatch.requirePresent(request.metricName(), "MetricName");
        LocalCloudWatch.requirePresent(request.namespace(), "Namespace");
        LocalCloudWatch.requirePresent(request.period(), "Period");
        LocalCloudWatch.requirePresent(request.evaluationPeriods(), "EvaluationPeriods");
        LocalCloudWatch.requirePresent(request.threshold(), "Threshold");
        LocalCloudWatch.requirePresent(request.comparisonOperator(), "ComparisonOperator");
        LocalCloudWatch.requireValidPeriod(request.period(), "Period");
        if ((request.statistic() == null) == (request.extendedStatistic() == null)) {
            throw LocalCloudWatch.invalid("Exactly one of Statistic and ExtendedStatistic must be specified.");
        }
        String statistic = request.statistic() != null ? request.statisticAsString() : request.extendedStatistic();
        if (Statistic.parse(statistic) == null) {
            throw LocalCloudWatch.invalid("The value " + statistic + " for parameter Statistic is not supported.");
        }
        if (request.period() < 10) {
            throw LocalCloudWatch.invalid("The parameter Period must be 10, 30 or a multiple of 60 for alarms.");
        }
        int datapoints = request.datapointsToAlarm() == null ? request.evaluationPeriods() : request.datapointsToAlarm();
        if (request.evaluationPeriods() < 1 || datapoints < 1 || datapoints > request.evaluationPeriods()) {
            throw LocalCloudWatch.invalid("DatapointsToAlarm must be between 1 and EvaluationPeriods.");
        }
        String treat = request.treatMissingData();
        if (treat != null && !List.of("breaching", "notBreaching", "ignore", "missing").contains(treat)) {
            throw LocalCloudWatch.invalid("The value " + treat + " for parameter TreatMissingData is invalid.");
        }
    }

    String name() {
        return definition.alarmName();
    }

    void keepStateOf(AlarmState previous) {
        this.state = previous.state;
        this.reason = previous.reason;
        this.stateUpdatedAt = previous.stateUpdatedAt;
    }

    MetricAlarm evaluate(PeriodValues source, Instant now) {
        int period = definition.period();
        int periods = definition.evaluationPeriods();
        int needed = definition.datapointsToAlarm() == null ? periods : definition.datapointsToAlarm();
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), period) * period);
        Instant start = end.minusSeconds((long) period * periods);
        NavigableMap<Instant, Double> values = source.of(key, statistic, start, end, period);
        String treat = definition.treatMissingData() == null ? "missing" : definition.treatMissingData();
        int breaching = 0;
        int present = 0;
        for (Map.Entry<Instant, Double> entry : values.entrySet()) {
            present++;
            if (breaches(entry.getValue())) {
                breaching++;
            }
        }
        int missing = periods - present;
        if ("breaching".equals(treat)) {
            breaching += missing;
        }
        if (breaching >= needed) {
            transition(StateValue.ALARM, describe(values, breaching, periods), now);
        } else if (present == 0 && "missing".equals(treat)) {
            transition(StateValue.INSUFFICIENT_DATA, "Insufficient Data: " + periods + " datapoints were unknown.", now);
        } else if (!(present == 0 && "ignore".equals(treat))) {
            transition(StateValue.OK, describe(values, breaching, periods), now);
        }
        return toMetricAlarm();
    }

    private boolean breaches(double value) {
        double threshold = definition.threshold();
        ComparisonOperator operator = definition.comparisonOperator();
        return switch (operator) {
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
            default -> throw LocalCloudWatch.invalid("Comparison operator " + operator
                    + " needs anomaly detection, which the local CloudWatch does not support.");
        };
    }

    private String describe(NavigableMap<Instant, Double> values, int breaching, int periods) {
        return "Threshold Crossed: " + breaching + " out of the last " + periods + " datapoints " + values.values()
                + " were " + (breaching > 0 ? "" : "not ") + comparisonWords() + " the threshold (" + definition.threshold() + ").";
    }

    private String comparisonWords() {
        return switch (definition.comparisonOperator()) {
            case GREATER_THAN_THRESHOLD -> "greater than";
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> "greater than or equal to";
            case LESS_THAN_THRESHOLD -> "less than";
            default -> "less than or equal to";
        };
    }

    private void transition(StateValue next, String why, Instant now) {
        if (next != state) {
            state = next;
            stateUpdatedAt = now;
        }
        reason = why;
    }

    private MetricAlarm toMetricAlarm() {
        return MetricAlarm.builder()
                .alarmName(definition.alarmName())
                .alarmArn(arn)
                .alarmDescription(definition.alarmDescription())
                .namespace(definition.namespace())
                .metricName(definition.metricName())
                .dimensions(definition.dimensions())
                .statistic(definition.statistic())
                .extendedStatistic(definition.extendedStatistic())
                .period(definition.period())
                .evaluationPeriods(definition.evaluationPeriods())
                .datapointsToAlarm(definition.datapointsToAlarm())
                .threshold(definition.threshold())
                .comparisonOperator(definition.comparisonOperator())
                .treatMissingData(definition.treatMissingData())
                .actionsEnabled(definition.actionsEnabled() == null || definition.actionsEnabled())
                .stateValue(state)
                .stateReason(reason)
                .stateUpdatedTimestamp(stateUpdatedAt)
                .build();
    }
}
