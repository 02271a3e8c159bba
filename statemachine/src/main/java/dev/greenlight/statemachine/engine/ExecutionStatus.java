package dev.greenlight.statemachine.engine;

/** The statuses DescribeExecution reports. */
public enum ExecutionStatus { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }
