package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Retry and Catch, in one place for Task, Parallel and Map. Retriers are tried in order and the first
 * that matches decides; once its MaxAttempts are used up the error goes to the catchers.
 */
final class ErrorHandling {

    /** One try at running a state. */
    @FunctionalInterface
    interface Attempt {
        Transition run() throws AslError;
    }

    private final List<Retrier> retriers;
    private final List<Catcher> catchers;

    private ErrorHandling(List<Retrier> retriers, List<Catcher> catchers) {
        this.retriers = retriers;
        this.catchers = catchers;
    }

    static ErrorHandling of(JsonNode state) {
        List<Retrier> retriers = new ArrayList<>();
        state.path("Retry").forEach(node -> retriers.add(Retrier.of(node)));
        List<Catcher> catchers = new ArrayList<>();
        state.path("Catch").forEach(node -> catchers.add(Catcher.of(node)));
        return new ErrorHandling(retriers, catchers);
    }

    Transition run(JsonNode rawInput, StateContext context, Attempt attempt) throws AslError {
        int[] attemptsPerRetrier = new int[retriers.size()];
        while (true) {
            try {
                return attempt.run();
            } catch (AslError error) {
                int index = matchingRetrier(error);
                if (index >= 0 && attemptsPerRetrier[index] < retriers.get(index).maxAttempts()) {
                    Retrier retrier = retriers.get(index);
                    context.run.sleepUntil(context.run.timer.now()
                            .plus(retrier.delay(attemptsPerRetrier[index], context.run.random)));
                    attemptsPerRetrier[index]++;
                    context.setRetryCount(context.retryCount() + 1);
                    continue;
                }
                return catchOrThrow(error, rawInput, context);
            }
        }
    }

    private int matchingRetrier(AslError error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).matches(error)) {
                return i;
            }
        }
        return -1;
    }

    private Transition catchOrThrow(AslError error, JsonNode rawInput, StateContext context) throws AslError {
        for (Catcher catcher : catchers) {
            if (catcher.matches(error)) {
                ObjectNode errorOutput = Json.object();
                errorOutput.put("Error", error.error());
                errorOutput.put("Cause", error.cause());
                return new Transition(catcher.next(), DataFlow.mergeResult(catcher.resultPath(), rawInput, errorOutput),
                        catcher.assign().evaluate(errorOutput, context));
            }
        }
        throw error;
    }
}
