package dev.greenlight.statemachine.task;

/** A task that failed: {@code error} becomes the ASL error name, {@code cause} its cause. */
public class TaskFailure extends Exception {

    private final String error;
    private final String cause;

    public TaskFailure(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
