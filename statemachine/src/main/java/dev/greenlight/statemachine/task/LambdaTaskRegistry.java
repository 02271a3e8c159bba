package dev.greenlight.statemachine.task;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves Lambda task resources the two ways Step Functions accepts them: the optimized integration
 * {@code arn:aws:states:::lambda:invoke} (Parameters FunctionName and Payload; the result is the Invoke
 * response {@code {Payload, StatusCode, ...}}) and a bare function ARN (the input is the payload; the
 * result is the function's own output).
 */
public final class LambdaTaskRegistry implements TaskRegistry {

    public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:([A-Za-z0-9_-]+)(:[A-Za-z0-9_$-]+)?");

    private final LambdaInvoker invoker;

    public LambdaTaskRegistry(LambdaInvoker invoker) {
        this.invoker = invoker;
    }

    /** True for a Lambda function ARN, which Step Functions runs as a "LambdaFunction" task. */
    public static boolean isFunctionArn(String resource) {
        return FUNCTION_ARN.matcher(resource).matches();
    }

    /** The function name inside a function ARN; any other text is returned as it is. */
    public static String functionName(String functionArnOrName) {
        var matcher = FUNCTION_ARN.matcher(functionArnOrName);
        return matcher.matches() ? matcher.group(1) : functionArnOrName;
    }

    @Override
    public Optional<TaskHandler> handlerFor(String resource) {
        if (resource.equals(LAMBDA_INVOKE)) {
            return Optional.of(this::invokeIntegration);
        }
        if (isFunctionArn(resource)) {
            return Optional.of(request -> call(request.resource(), request.input()));
        }
        return Optional.empty();
    }

    private JsonNode invokeIntegration(TaskRequest request) throws TaskFailure, InterruptedException {
        JsonNode function = request.input().get("FunctionName");
        if (function == null || !function.isString()) {
            throw new TaskFailure("States.Runtime", "lambda:invoke needs the parameter FunctionName");
        }
        JsonNode payload = request.input().has("Payload") ? request.input().get("Payload") : Json.object();
        JsonNode result = call(function.stringValue(), payload);
        ObjectNode response = Json.object();
        response.put("ExecutedVersion", "$LATEST");
        response.set("Payload", result);
        response.put("StatusCode", 200);
        return response;
    }

    private JsonNode call(String function, JsonNode payload) throws TaskFailure, InterruptedException {
        LambdaResponse response = invoker.invoke(function, payload);
        if (response.functionError() != null) {
            throw response.toFailure();
        }
        return response.payload() == null ? Json.nullNode() : response.payload();
    }
}
