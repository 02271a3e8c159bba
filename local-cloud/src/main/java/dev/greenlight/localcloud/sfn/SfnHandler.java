package dev.greenlight.localcloud.sfn;

import dev.greenlight.statemachine.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The AWS JSON 1.0 protocol: {@code POST /} with {@code X-Amz-Target: AWSStepFunctions.<Operation>} and a
 * JSON body; answers JSON, or an error as {@code {"__type": code, "message": ...}} with its HTTP status.
 */
final class SfnHandler extends Handler.Abstract {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final Logger LOG = LoggerFactory.getLogger(SfnHandler.class);

    private final SfnOperations operations;

    SfnHandler(SfnOperations operations) {
        this.operations = operations;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = 200;
        ObjectNode body;
        try {
            body = operations.handle(operation(request), requestBody(request));
        } catch (SfnException e) {
            status = e.httpStatus();
            body = error(e.type(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Step Functions API request failed", e);
            status = 500;
            body = error("InternalFailure", String.valueOf(e));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        Content.Sink.write(response, true, Json.write(body), callback);
        return true;
    }

    private static String operation(Request request) {
        String target = request.getHeaders().get("X-Amz-Target");
        if (!HttpMethod.POST.is(request.getMethod()) || !"/".equals(request.getHttpURI().getPath())
                || target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new SfnException("UnknownOperationException", "Expected POST / with X-Amz-Target: "
                    + TARGET_PREFIX + "<Operation>, got " + request.getMethod() + " " + request.getHttpURI().getPath()
                    + " with X-Amz-Target " + target);
        }
        return target.substring(TARGET_PREFIX.length());
    }

    private static JsonNode requestBody(Request request) throws Exception {
        String text = Content.Source.asString(request, StandardCharsets.UTF_8);
        try {
            JsonNode body = Json.parse(text.isBlank() ? "{}" : text);
            if (body.isObject()) {
                return body;
            }
        } catch (IllegalArgumentException e) {
            // reported below as AWS reports a body it cannot read
        }
        throw new SfnException("SerializationException", "The request body is not a JSON object");
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = Json.object();
        error.put("__type", type);
        error.put("message", message);
        return error;
    }
}
