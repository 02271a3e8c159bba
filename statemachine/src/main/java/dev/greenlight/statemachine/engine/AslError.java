package dev.greenlight.statemachine.engine;

/** An error as ASL sees it: a name that Retry and Catch match, and a cause for people. */
public class AslError extends Exception {

    public static final String ALL = "States.ALL";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String RUNTIME = "States.Runtime";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String BRANCH_FAILED = "States.BranchFailed";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

    private final String error;
    private final String cause;

    public AslError(String error, String cause) {
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

    /** States.Runtime and States.DataLimitExceeded end the execution: no Retry or Catch, not even States.ALL, handles them. */
    public boolean isTerminal() {
        return RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
    }

    /** Whether an ErrorEquals name matches this error, with the wildcards States.ALL and States.TaskFailed. */
    public boolean matches(String name) {
        if (isTerminal()) {
            return false;
        }
        return name.equals(error) || name.equals(ALL) || (name.equals(TASK_FAILED) && !error.equals(TIMEOUT));
    }
}
