package dev.greenlight.operator;

import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * A release's execution as Step Functions describes it. Where the release is in the workflow is in its record,
 * which its steps keep up to date; the execution adds only whether it still runs and how it ended.
 *
 * @param executionArn the execution
 * @param status       RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param error        the error it ended with, if it failed
 * @param cause        the cause it ended with, if it failed
 */
record Execution(String executionArn, String status, String error, String cause) {

    static Execution of(DescribeExecutionResponse description) {
        return new Execution(description.executionArn(), description.statusAsString(), description.error(),
                description.cause());
    }

    boolean running() {
        return "RUNNING".equals(status);
    }

    /** An execution that ended without success: FAILED, TIMED_OUT or ABORTED. */
    boolean failed() {
        return status != null && !running() && !"SUCCEEDED".equals(status);
    }
}
