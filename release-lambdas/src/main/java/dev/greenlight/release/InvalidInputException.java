package dev.greenlight.release;

/** A step was called with input it cannot act on; it changed nothing. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
