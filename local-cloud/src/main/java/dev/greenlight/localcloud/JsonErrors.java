package dev.greenlight.localcloud;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * What a JSON API of the local cloud answers for a request Jetty refuses before any handler sees it (a request line
 * it cannot parse, an ambiguous escape in the path, headers too large): the API's own JSON error for the status,
 * never Jetty's HTML page or the reason it gives.
 */
public final class JsonErrors extends ErrorHandler {

    private final String contentType;
    private final IntUnaryOperator status;
    private final IntFunction<JsonNode> body;
    private final IntFunction<Map<String, String>> headers;

    /**
     * @param status the status the API answers for the one Jetty chose (always a 4xx or 5xx)
     * @param body   the API's error document for that status
     */
    public JsonErrors(String contentType, IntUnaryOperator status, IntFunction<JsonNode> body) {
        this(contentType, status, body, answered -> Map.of());
    }

    /** @param headers the headers the API's errors carry for that status, such as the error's type */
    public JsonErrors(String contentType, IntUnaryOperator status, IntFunction<JsonNode> body,
            IntFunction<Map<String, String>> headers) {
        this.contentType = contentType;
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    /** Every method gets the error document, not only GET, POST and HEAD as in Jetty's default. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        int answered = status.applyAsInt(code >= 400 && code < 600 ? code : 400);
        response.setStatus(answered);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        headers.apply(answered).forEach(response.getHeaders()::put);
        response.write(true, StandardCharsets.UTF_8.encode(Json.write(body.apply(answered))), callback);
    }
}
