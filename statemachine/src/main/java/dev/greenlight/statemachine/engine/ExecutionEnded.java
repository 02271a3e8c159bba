package dev.greenlight.statemachine.engine;

/** Unwinds an execution that was stopped or ran past the machine's TimeoutSeconds. */
final class ExecutionEnded extends RuntimeException {

    private final ExecutionStatus status;

    ExecutionEnded(ExecutionStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    ExecutionStatus status() {
        return status;
    }
}
