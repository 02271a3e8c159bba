package dev.greenlight.statemachine.task;

import tools.jackson.databind.JsonNode;

/** Invokes a Lambda function synchronously, as the Lambda Invoke API does (RequestResponse). */
@FunctionalInterface
public interface LambdaInvoker {

    /**
     * Invokes {@code function} (a name or an ARN) with {@code payload}.
     *
     * @return the function's response; when the function threw, {@link LambdaResponse#functionError()}
     *         is set and the payload is {@code {"errorType": ..., "errorMessage": ...}}
     * @throws TaskFailure for service-side failures, named as AWS names them (e.g. Lambda.ServiceException)
     */
    LambdaResponse invoke(String function, JsonNode payload) throws TaskFailure, InterruptedException;
}
