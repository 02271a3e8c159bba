package dev.greenlight.statemachine.engine;

/** StartExecution with the name of an execution that has finished, or that runs with a different input. */
public class ExecutionAlreadyExistsException extends RuntimeException {

    public ExecutionAlreadyExistsException(String executionArn) {
        super("Execution Already Exists: '" + executionArn + "'");
    }
}
