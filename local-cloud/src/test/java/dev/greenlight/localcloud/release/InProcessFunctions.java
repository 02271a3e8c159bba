package dev.greenlight.localcloud.release;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import dev.greenlight.localcloud.system.LocalLambdas;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaInvoker;
import dev.greenlight.statemachine.task.LambdaResponse;
import tools.jackson.databind.JsonNode;

/**
 * Invokes the release functions in this JVM, through Spring Cloud Function's catalog and across a JSON
 * boundary, the way Lambda invokes them: the payload is serialized, the function's result parsed back, and
 * an exception becomes a function error whose errorType is the exception class and errorMessage its message.
 * Functions are named as {@link LocalLambdas} says.
 */
final class InProcessFunctions implements LambdaInvoker {

    private final FunctionCatalog catalog;
    private volatile BiFunction<String, JsonNode, LambdaResponse> interceptor = (name, payload) -> null;

    InProcessFunctions(FunctionCatalog catalog) {
        this.catalog = catalog;
    }

    /** Lets a test answer some invocations itself (e.g. a function that crashes); null means invoke for real. */
    void intercept(BiFunction<String, JsonNode, LambdaResponse> interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public LambdaResponse invoke(String function, JsonNode payload) {
        String name = LocalLambdas.beanName(function);
        LambdaResponse intercepted = interceptor.apply(name, payload);
        if (intercepted != null) {
            return intercepted;
        }
        FunctionInvocationWrapper target = catalog.lookup(name, "application/json");
        if (target == null) {
            return LambdaResponse.error("ResourceNotFoundException", "Function not found: " + function);
        }
        try {
            Message<byte[]> input = MessageBuilder.withPayload(Json.write(payload).getBytes(StandardCharsets.UTF_8))
                    .setHeader("contentType", "application/json").build();
            Object output = target.apply(input);
            byte[] bytes = output instanceof Message<?> message ? (byte[]) message.getPayload() : (byte[]) output;
            return LambdaResponse.ok(Json.parse(new String(bytes, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getClass().getName().startsWith("org.springframework")) {
                cause = cause.getCause();
            }
            return LambdaResponse.error(cause.getClass().getName(), String.valueOf(cause.getMessage()));
        }
    }
}
