package dev.greenlight.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** The release state machine's executions, through the Step Functions API. */
final class Executions {

    /** How many of an execution's newest events are read at most: enough for a long bake loop. */
    private static final int MAX_EVENTS = 2000;
    private static final int PAGE = 200;

    private final SfnClient sfn;
    private final String stateMachineArn;

    Executions(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    /** The execution's facts, or empty if Step Functions no longer knows it (executions expire after 90 days). */
    Optional<ExecutionFacts> facts(String executionArn) {
        if (executionArn == null) {
            return Optional.empty();
        }
        try {
            DescribeExecutionResponse description = sfn.describeExecution(r -> r.executionArn(executionArn));
            ExecutionFacts.Scan scan = new ExecutionFacts.Scan();
            List<HistoryEvent> newestFirst = new ArrayList<>();
            for (HistoryEvent event : sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)
                    .reverseOrder(true).maxResults(PAGE)).events()) {
                newestFirst.add(event);
                scan.accept(event);
                if (scan.complete() || newestFirst.size() >= MAX_EVENTS) {
                    break;
                }
            }
            return Optional.of(ExecutionFacts.from(description, newestFirst));
        } catch (ExecutionDoesNotExistException gone) {
            return Optional.empty();
        }
    }

    DescribeExecutionResponse describe(String executionArn) {
        return sfn.describeExecution(r -> r.executionArn(executionArn));
    }

    /** Executions in this status, newest first, at most {@code limit}. */
    List<ExecutionListItem> list(ExecutionStatus status, int limit) {
        return sfn.listExecutions(r -> r.stateMachineArn(stateMachineArn).statusFilter(status).maxResults(limit))
                .executions();
    }
}
