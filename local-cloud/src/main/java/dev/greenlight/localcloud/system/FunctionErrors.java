package dev.greenlight.localcloud.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers a function that threw the way Lambda does: header {@code X-Amz-Function-Error: Unhandled} and a
 * body {@code {"errorType": <exception class>, "errorMessage": <message>}}, so Step Functions sees the
 * function's own error name, as its Retry and Catch rules expect.
 */
@RestControllerAdvice
class FunctionErrors {

    static final String FUNCTION_ERROR = "X-Amz-Function-Error";

    /** No function of that name: the invoker reports it as Lambda's ResourceNotFoundException. */
    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, String>> noSuchFunction(NoResourceFoundException missing) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", missing.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> functionError(Exception thrown) {
        Throwable cause = thrown;
        // the web layer and the function catalog wrap what the function threw
        while (cause.getCause() != null && cause.getClass().getName().startsWith("org.springframework")) {
            cause = cause.getCause();
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("errorType", cause.getClass().getName());
        body.put("errorMessage", String.valueOf(cause.getMessage()));
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).header(FUNCTION_ERROR, "Unhandled").body(body);
    }
}
