package dev.greenlight.localcloud.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaInvoker;
import dev.greenlight.statemachine.task.LambdaResponse;
import dev.greenlight.statemachine.task.TaskFailure;
import tools.jackson.databind.JsonNode;

/**
 * The local Lambda Invoke: posts the payload as JSON to the function served by {@link FunctionHost} and
 * reads its JSON answer, so every step crosses a JSON boundary as on AWS. Functions are named as
 * {@link LocalLambdas} says.
 */
public final class HttpLambdaInvoker implements LambdaInvoker {

    private final URI functions;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param functions where the functions are served
     * @param timeout   the functions' timeout: an invocation still running then fails as Lambda's would
     */
    public HttpLambdaInvoker(URI functions, Duration timeout) {
        this.functions = functions;
        this.timeout = timeout;
    }

    @Override
    public LambdaResponse invoke(String function, JsonNode payload) throws TaskFailure, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(functions.resolve(LocalLambdas.beanName(function)))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(payload)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            return LambdaResponse.error("Sandbox.Timedout", "Task timed out after " + timeout.toSeconds() + " seconds");
        } catch (IOException e) {
            throw new TaskFailure("Lambda.ServiceException", "the local function service did not answer: " + e.getMessage());
        }
        if (response.statusCode() == 404) {
            return LambdaResponse.error("ResourceNotFoundException", "Function not found: " + function);
        }
        if (response.headers().firstValue(FunctionErrors.FUNCTION_ERROR).isPresent()) {
            JsonNode error = Json.parse(response.body());
            return LambdaResponse.error(error.path("errorType").asString("Unhandled"),
                    error.path("errorMessage").asString(""));
        }
        if (response.statusCode() != 200) {
            throw new TaskFailure("Lambda.ServiceException",
                    "the local function service answered " + response.statusCode() + ": " + response.body());
        }
        String body = response.body();
        return LambdaResponse.ok(body.isBlank() ? Json.object() : Json.parse(body));
    }
}
