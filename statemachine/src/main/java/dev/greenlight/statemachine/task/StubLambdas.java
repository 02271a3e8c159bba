package dev.greenlight.statemachine.task;

import dev.greenlight.statemachine.engine.Timer;
import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lambda functions that answer with stubbed results, for tests and the CLI. Each function has a queue of
 * results used one per call; the last one repeats. A result is read from JSON as
 * {@code {"output": ...}} or {@code {"error": "Name", "cause": "..."}}, optionally with
 * {@code "durationSeconds"} to make the call take that long on the engine's timer.
 */
public final class StubLambdas implements LambdaInvoker {

    /** One stubbed answer. */
    public record Result(JsonNode output, String error, String cause, long durationSeconds) {

        public static Result returns(JsonNode output) {
            return new Result(output, null, null, 0);
        }

        public static Result returns(String json) {
            return returns(Json.parse(json));
        }

        public static Result fails(String error, String cause) {
            return new Result(null, error, cause, 0);
        }

        public Result taking(long seconds) {
            return new Result(output, error, cause, seconds);
        }

        static Result fromJson(JsonNode node) {
            long duration = node.path("durationSeconds").asLong(0);
            if (node.has("error")) {
                return new Result(null, node.get("error").asString(), node.path("cause").asString(""), duration);
            }
            if (!node.has("output")) {
                throw new IllegalArgumentException("a stub result needs \"output\" or \"error\": " + node);
            }
            return new Result(node.get("output"), null, null, duration);
        }
    }

    /** A call a stubbed function received. */
    public record Call(String function, JsonNode payload) {
    }

    private final Timer timer;
    private final Map<String, Deque<Result>> queues = new HashMap<>();
    private final Map<String, Function<JsonNode, Result>> computed = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    public StubLambdas(Timer timer) {
        this.timer = timer;
    }

    /**
     * Reads stubs from {@code {"FunctionName": [result, ...], ...}}; a single result may stand without the array.
     */
    public static StubLambdas fromJson(JsonNode stubs, Timer timer) {
        StubLambdas lambdas = new StubLambdas(timer);
        if (!stubs.isObject()) {
            throw new IllegalArgumentException("stubs must be an object of function name to results");
        }
        stubs.properties().forEach(entry -> {
            JsonNode results = entry.getValue();
            if (results.isArray()) {
                results.forEach(result -> lambdas.then(entry.getKey(), Result.fromJson(result)));
            } else {
                lambdas.then(entry.getKey(), Result.fromJson(results));
            }
        });
        return lambdas;
    }

    /** Adds results to a function's queue, answered in order. */
    public synchronized StubLambdas then(String function, Result... results) {
        Deque<Result> queue = queues.computeIfAbsent(function, key -> new ArrayDeque<>());
        queue.addAll(List.of(results));
        return this;
    }

    /** Replaces whatever a function answered before with these results, in order. */
    public synchronized StubLambdas on(String function, Result... results) {
        computed.remove(function);
        queues.remove(function);
        return then(function, results);
    }

    /** Answers every call of a function by computing the result from the payload, replacing earlier stubs. */
    public synchronized StubLambdas compute(String function, Function<JsonNode, Result> answer) {
        queues.remove(function);
        computed.put(function, answer);
        return this;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<JsonNode> payloadsOf(String function) {
        return calls.stream().filter(call -> call.function().equals(function)).map(Call::payload).toList();
    }

    @Override
    public LambdaResponse invoke(String function, JsonNode payload) throws TaskFailure, InterruptedException {
        String name = LambdaTaskRegistry.functionName(function);
        Result result = next(name, payload);
        if (result.durationSeconds() > 0) {
            timer.sleepUntil(timer.now().plus(Duration.ofSeconds(result.durationSeconds())));
        }
        if (result.error() != null) {
            if (result.error().startsWith("Lambda.")) {
                throw new TaskFailure(result.error(), result.cause());
            }
            return LambdaResponse.error(result.error(), result.cause());
        }
        return LambdaResponse.ok(result.output().deepCopy());
    }

    private synchronized Result next(String name, JsonNode payload) throws TaskFailure {
        calls.add(new Call(name, payload.deepCopy()));
        Deque<Result> queue = queues.get(name);
        if (queue != null && !queue.isEmpty()) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
        Function<JsonNode, Result> answer = computed.get(name);
        if (answer != null) {
            return answer.apply(payload);
        }
        throw new TaskFailure("Lambda.ResourceNotFoundException", "Function not found: " + name);
    }
}
