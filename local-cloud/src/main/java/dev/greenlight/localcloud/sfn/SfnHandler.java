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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
        String requestId = UUID.randomUUID().toString();
        int status = 200;
        ObjectNode body;
        try {
            body = operations.handle(operation(request), requestBody(request));
        } catch (SfnException e) {
            status = e.httpStatus();
            body = error(e.type(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Step Functions API request {} failed", requestId, e);
            status = 500;
            body = error("InternalFailure", "The request processing has failed because of an unknown error"
                    + " (request " + requestId + ")");
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put("x-amzn-RequestId", requestId);
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

    /**
     * The body as a JSON object: one that is not UTF-8, not JSON, not an object, or that ends before its
     * Content-Length is a SerializationException, as AWS answers a body it cannot read.
     */
    private static JsonNode requestBody(Request request) throws InterruptedException {
        String text;
        try {
            ByteBuffer bytes = Content.Source.asByteBuffer(request);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new SfnException("SerializationException", "The request body is not valid UTF-8");
        } catch (IOException | RuntimeException e) {
            throw new SfnException("SerializationException", "The request body could not be read in full");
        }
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

    /** A request the server could not parse as HTTP: no operation can be read from it. */
    static ObjectNode unreadable(int status) {
        return status >= 500
                ? error("InternalFailure", "The request processing has failed because of an unknown error")
                : error("UnknownOperationException", "Expected POST / with X-Amz-Target: " + TARGET_PREFIX
                        + "<Operation>, but the request could not be read as HTTP (status " + status + ")");
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = Json.object();
        error.put("__type", type);
        error.put("message", message);
        return error;
    }
}
