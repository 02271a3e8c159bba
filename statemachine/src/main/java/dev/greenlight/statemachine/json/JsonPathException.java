package dev.greenlight.statemachine.json;

/** A path that is not valid syntax, or that selects nothing where a value is required. */
public class JsonPathException extends RuntimeException {
    public JsonPathException(String message) {
        super(message);
    }
}
