package dev.greenlight.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.greenlight.release.store.ReleaseRecord;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import tools.jackson.databind.JsonNode;

/**
 * One release as the console follows it. Each read makes three calls: the record (DynamoDB GetItem), its execution
 * (DescribeExecution) and the execution's history since the last read (GetExecutionHistory newest first, stopping
 * at the newest event already read, so a running release costs one page a read however long its history is); and
 * once a metrics period, a fourth: green's and blue's ALB metrics (CloudWatch GetMetricData).
 */
final class ReleaseSource implements Feed.Source<ReleaseSource.Watched> {

    /** Events a history page holds: the most Step Functions gives. */
    static final int PAGE = 1000;

    /**
     * What the page shows of a release.
     *
     * @param record    its record; null if there is no such release
     * @param execution its execution; null while unknown
     * @param events    its execution's history, oldest first
     * @param metrics   green's and blue's metrics per period
     */
    record Watched(ReleaseRecord record, Execution execution, List<HistoryEvent> events,
                   PeriodMetrics.Series metrics) {

        WorkflowRun run() {
            return execution == null ? WorkflowRun.NONE : WorkflowRun.of(events, execution.status());
        }
    }

    private final Cloud cloud;
    private final Executions executions;
    private final PeriodMetrics metrics;
    private final String releaseId;
    private final List<HistoryEvent> events = new ArrayList<>();
    private String executionArn;

    ReleaseSource(Cloud cloud, String releaseId) {
        this.cloud = cloud;
        this.executions = new Executions(cloud.sfn, cloud.target().stateMachineArn());
        this.metrics = PeriodMetrics.of(cloud);
        this.releaseId = releaseId;
    }

    @Override
    public synchronized Watched read() {
        ReleaseRecord record = cloud.find(releaseId).orElse(null);
        if (record == null) {
            return new Watched(null, null, List.of(), null);
        }
        if (record.executionId() != null && !record.executionId().equals(executionArn)) {
            executionArn = record.executionId();
            events.clear();
        }
        Execution execution = executions.find(executionArn).orElse(null);
        if (execution != null) {
            events.addAll(newer(executionArn, events.isEmpty() ? 0 : events.get(events.size() - 1).id()));
        }
        List<HistoryEvent> history = List.copyOf(events);
        return new Watched(record, execution, history, periods(record, history));
    }

    /** From the release's start to its end (or now), for the target groups the workflow's input names. */
    private PeriodMetrics.Series periods(ReleaseRecord record, List<HistoryEvent> history) {
        String green = null;
        String blue = null;
        for (int i = history.size() - 1; i >= 0 && green == null; i--) {
            HistoryEvent event = history.get(i);
            if (event.stateEnteredEventDetails() != null) {
                JsonNode input = Text.json(event.stateEnteredEventDetails().input());
                JsonNode release = input == null ? null : input.path("release");
                if (release != null && release.path("green").path("targetGroupArn").isString()) {
                    green = release.path("green").path("targetGroupArn").asString();
                    blue = release.path("blue").path("targetGroupArn").asString(null);
                }
            }
        }
        Instant now = Instant.now();
        Instant ended = Text.instant(record.endedAt());
        try {
            return metrics.read(Text.instant(record.startedAt()), ended == null ? now : ended, green, blue, now);
        } catch (SdkException e) {
            return PeriodMetrics.Series.none(0, "CloudWatch did not answer: " + e.getMessage());
        }
    }

    /** The events after {@code lastId}, oldest first. */
    private List<HistoryEvent> newer(String arn, long lastId) {
        List<HistoryEvent> newer = new ArrayList<>();
        String token = null;
        try {
            do {
                String next = token;
                GetExecutionHistoryResponse page = cloud.sfn.getExecutionHistory(r -> r.executionArn(arn)
                        .reverseOrder(true).maxResults(PAGE).nextToken(next));
                for (HistoryEvent event : page.events()) {
                    if (event.id() <= lastId) {
                        Collections.reverse(newer);
                        return newer;
                    }
                    newer.add(event);
                }
                token = page.nextToken();
            } while (token != null);
        } catch (ExecutionDoesNotExistException gone) {
            return List.of();
        }
        Collections.reverse(newer);
        return newer;
    }

    /** A release that has ended, with an execution that has stopped, changes no more. */
    @Override
    public boolean ended(Watched value) {
        return value.record() == null || value.record().state().isFinal()
                && (value.execution() == null || !value.execution().running());
    }
}
