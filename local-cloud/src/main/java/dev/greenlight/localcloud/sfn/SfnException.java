package dev.greenlight.localcloud.sfn;

/**
 * An error the Step Functions API answers with: {@code type} is the wire error code the SDK maps to its
 * exception class (e.g. {@code ExecutionDoesNotExist} to ExecutionDoesNotExistException), and
 * {@code httpStatus} the status it comes with.
 */
public final class SfnException extends RuntimeException {

    private final String type;
    private final int httpStatus;

    public SfnException(String type, String message) {
        this(type, 400, message);
    }

    public SfnException(String type, int httpStatus, String message) {
        super(message);
        this.type = type;
        this.httpStatus = httpStatus;
    }

    public String type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
