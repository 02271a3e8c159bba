package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.definition.Placeholders;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import dev.greenlight.statemachine.task.StubLambdas;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** An engine on virtual time with stubbed Lambda functions; {@code ${Name}} in a definition is function Name's ARN. */
class EngineFixture {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final VirtualTimer timer = new VirtualTimer(T0);
    final StubLambdas lambdas = new StubLambdas(timer);
    final Engine engine = new Engine(new LambdaTaskRegistry(lambdas), timer, new Random(1), "us-east-1", "123456789012");

    static String arn(String function) {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + function;
    }

    static StateMachine machine(String definition) {
        Map<String, String> arns = new HashMap<>();
        Placeholders.names(definition).forEach(name -> arns.put(name, arn(name)));
        return StateMachine.parse(Placeholders.fill(definition, arns));
    }

    Execution run(String definition, String input) throws InterruptedException {
        return engine.run(machine(definition), "test", Json.parse(input));
    }

    static List<String> eventTypes(Execution execution) {
        return execution.history().stream().map(HistoryEvent::type).toList();
    }

    static List<String> enteredStates(Execution execution) {
        return execution.history().stream().filter(e -> e.type().endsWith("StateEntered")).map(HistoryEvent::stateName).toList();
    }

    /** The input a state was entered with. */
    static JsonNode inputOf(Execution execution, String state) {
        return execution.history().stream()
                .filter(e -> e.type().endsWith("StateEntered") && state.equals(e.stateName()))
                .map(e -> Json.parse(e.details().get("input").asString()))
                .findFirst().orElseThrow();
    }

    /** A one-state machine: the given state, named "S", ending the execution. */
    static String single(String stateJson) {
        return "{\"StartAt\": \"S\", \"States\": {\"S\": " + stateJson + "}}";
    }
}
