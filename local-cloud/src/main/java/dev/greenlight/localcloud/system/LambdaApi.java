package dev.greenlight.localcloud.system;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.greenlight.localcloud.JsonErrors;
import dev.greenlight.release.ReleaseFunctionsApplication;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaResponse;
import dev.greenlight.statemachine.task.TaskFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/<name>/invocations}, synchronous) for the functions
 * operators invoke, so {@code greenlight plan --aws} can run against the local system with
 * {@code AWS_ENDPOINT_URL_LAMBDA}. The function is named by its name or ARN, {@code PlanInputs} for the bean
 * {@code planInputs} as {@link LocalLambdas} names them, with an optional qualifier. As on AWS: a function that
 * throws answers 200 with {@code X-Amz-Function-Error: Unhandled} and its {@code errorType} and
 * {@code errorMessage}; an unknown function is a 404 ResourceNotFoundException; a payload that is not JSON a 400
 * InvalidRequestContentException; errors carry their type in {@code x-amzn-ErrorType}.
 */
final class LambdaApi implements AutoCloseable {

    /** Lambda's limit for a synchronous invocation's payload. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final Logger LOG = LoggerFactory.getLogger(LambdaApi.class);

    private final Server server;
    private final ServerConnector connector;

    private LambdaApi(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Serves the functions at {@code functions} (a {@link FunctionHost}) on a loopback port. */
    static LambdaApi start(URI functions, Duration timeout) throws Exception {
        HttpLambdaInvoker invoker = new HttpLambdaInvoker(functions, timeout);
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("lambda-api");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        // what Jetty refuses before the handler (a request line or headers too long, an ambiguous path) is a 400
        server.setErrorHandler(new JsonErrors("application/json", code -> code == 413 ? 413 : code < 500 ? 400 : 500,
                status -> error(status == 413 ? "Request must be smaller than " + MAX_PAYLOAD_BYTES
                        + " bytes for the InvokeFunction operation" : "the request could not be read as HTTP"),
                status -> Map.of("x-amzn-ErrorType", switch (status) {
                    case 400 -> "InvalidRequestContentException";
                    case 413 -> "RequestTooLargeException";
                    default -> "ServiceException";
                })));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Answer answer = answer(invoker, request);
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                if (answer.errorType() != null) {
                    response.getHeaders().put("x-amzn-ErrorType", answer.errorType());
                }
                if (answer.functionError() != null) {
                    response.getHeaders().put("X-Amz-Function-Error", answer.functionError());
                    response.getHeaders().put("X-Amz-Executed-Version", "$LATEST");
                }
                Content.Sink.write(response, true, Json.write(answer.body()), callback);
                return true;
            }
        });
        server.start();
        return new LambdaApi(server, connector);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private record Answer(int status, JsonNode body, String errorType, String functionError) {

        static Answer fault(int status, String type, String message) {
            return new Answer(status, error(message), type, null);
        }
    }

    private static Answer answer(HttpLambdaInvoker invoker, Request request) {
        Matcher invoke = INVOKE.matcher(request.getHttpURI().getPath());
        if (!invoke.matches() || !HttpMethod.POST.is(request.getMethod())) {
            return Answer.fault(404, "UnknownOperationException", "Unknown operation " + request.getMethod() + " "
                    + request.getHttpURI().getPath());
        }
        String invocationType = request.getHeaders().get("X-Amz-Invocation-Type");
        if (invocationType != null && !"RequestResponse".equals(invocationType)) {
            return Answer.fault(400, "InvalidParameterValueException",
                    "Only RequestResponse invocations are served locally, not " + invocationType);
        }
        String name = URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8);
        String function = functionName(name);
        if (function == null || !ReleaseFunctionsApplication.OPERATOR_FUNCTIONS.contains(LocalLambdas.beanName(function))) {
            return Answer.fault(404, "ResourceNotFoundException", "Function not found: " + name);
        }
        if (request.getLength() > MAX_PAYLOAD_BYTES) {
            return Answer.fault(413, "RequestTooLargeException", "Request must be smaller than " + MAX_PAYLOAD_BYTES
                    + " bytes for the InvokeFunction operation");
        }
        JsonNode payload;
        try {
            ByteBuffer bytes = Content.Source.asByteBufferAsync(request, MAX_PAYLOAD_BYTES).get();
            String text = StandardCharsets.UTF_8.decode(bytes).toString();
            payload = text.isBlank() ? Json.object() : Json.parse(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.fault(500, "ServiceException", "interrupted while reading the payload");
        } catch (Exception e) {
            return Answer.fault(400, "InvalidRequestContentException", "Could not parse request body into json");
        }
        try {
            LambdaResponse response = invoker.invoke(function, payload);
            return new Answer(200, response.payload(), null, response.functionError());
        } catch (TaskFailure e) {
            return Answer.fault(500, "ServiceException", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.fault(500, "ServiceException", "interrupted");
        } catch (RuntimeException e) {
            LOG.error("Lambda Invoke of {} failed", name, e);
            return Answer.fault(500, "ServiceException", "the local Lambda service failed; its log has the details");
        }
    }

    /**
     * The function's name from a name, partial ARN or ARN, without its qualifier; null when it is none of these.
     */
    static String functionName(String given) {
        String[] parts = given.split(":", -1);
        String name;
        if (parts.length >= 7 && "arn".equals(parts[0]) && "function".equals(parts[5])) {
            name = parts[6];
        } else if (parts.length == 3 && "function".equals(parts[1])) {
            name = parts[2];
        } else if (parts.length <= 2) {
            name = parts[0];
        } else {
            return null;
        }
        return name.matches("[A-Za-z0-9_-]{1,64}") ? name : null;
    }

    private static ObjectNode error(String message) {
        ObjectNode body = Json.object();
        body.put("Type", "User");
        body.put("message", message);
        return body;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
