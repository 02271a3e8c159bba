package dev.greenlight.statemachine.json;

/** An intrinsic function that cannot be parsed, or that fails on its arguments (States.IntrinsicFailure). */
public class IntrinsicException extends RuntimeException {
    public IntrinsicException(String message) {
        super(message);
    }
}
