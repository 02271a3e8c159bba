package dev.greenlight.operator;

import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The release state machine's executions, through the Step Functions API. */
final class Executions {

    private final SfnClient sfn;
    private final String stateMachineArn;

    Executions(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    /** The execution, or empty if Step Functions no longer knows it (executions expire after 90 days). */
    Optional<Execution> find(String executionArn) {
        if (executionArn == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Execution.of(describe(executionArn)));
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
