package dev.greenlight.statemachine.task;

import tools.jackson.databind.JsonNode;

/**
 * One invocation of a Task state's resource.
 *
 * @param resource     the state's Resource ARN, placeholders already filled
 * @param input        the task input: the effective input after InputPath and Parameters
 * @param executionArn the execution that runs the task
 * @param stateName    the Task state's name
 * @param retryCount   0 on the first attempt, then 1, 2, ... on retries
 */
public record TaskRequest(String resource, JsonNode input, String executionArn, String stateName, int retryCount) {
}
