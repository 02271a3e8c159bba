package dev.greenlight.statemachine.cli;

import dev.greenlight.statemachine.LocalAws;

import dev.greenlight.statemachine.definition.InvalidDefinitionException;
import dev.greenlight.statemachine.definition.Placeholders;
import dev.greenlight.statemachine.engine.Engine;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.ExecutionStatus;
import dev.greenlight.statemachine.engine.HistoryEvent;
import dev.greenlight.statemachine.engine.StateMachine;
import dev.greenlight.statemachine.engine.SystemTimer;
import dev.greenlight.statemachine.engine.Timer;
import dev.greenlight.statemachine.engine.VirtualTimer;
import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.task.LambdaTaskRegistry;
import dev.greenlight.statemachine.task.StubLambdas;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Runs a definition locally with stubbed task results:
 * {@code run --definition release.asl.json --input event.json --stubs stubs.json [--set Name=value]
 * [--real-time] [--history]}. Placeholders named {@code <Function>FunctionArn} that are not set get a
 * local ARN for function {@code <Function>}, which is the key its stubs are found under.
 * Exit codes: 0 the execution succeeded, 1 the definition, input or stubs are invalid, 2 the execution failed.
 */
public final class Main {

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int FAILED = 2;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).run(args));
    }

    int run(String[] args) {
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(CliArguments.USAGE);
            return INVALID;
        }
        try {
            return execute(arguments);
        } catch (InvalidDefinitionException e) {
            err.println("invalid definition " + arguments.definition() + ":");
            e.problems().forEach(problem -> err.println("  " + problem));
            return INVALID;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return INVALID;
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return INVALID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return FAILED;
        }
    }

    private int execute(CliArguments arguments) throws IOException, InterruptedException {
        String template = Files.readString(arguments.definition());
        StateMachine machine = StateMachine.parse(Placeholders.fill(template, placeholders(template, arguments.values())));
        JsonNode input = readJson(arguments.input(), "input");
        Timer timer = arguments.realTime() ? new SystemTimer() : new VirtualTimer(Instant.now());
        StubLambdas stubs = StubLambdas.fromJson(readJson(arguments.stubs(), "stubs"), timer);
        Engine engine = new Engine(new LambdaTaskRegistry(stubs), timer, new Random(), LocalAws.REGION, LocalAws.ACCOUNT);
        Execution execution = engine.run(machine, "local", input);
        if (arguments.history()) {
            execution.history().forEach(this::printEvent);
        }
        if (execution.status() == ExecutionStatus.SUCCEEDED) {
            out.println(Json.write(execution.output()));
            return OK;
        }
        err.println("execution " + execution.status() + ": " + execution.error() + ": " + execution.cause());
        return FAILED;
    }

    private void printEvent(HistoryEvent event) {
        out.println(event.id() + " " + event.timestamp() + " " + event.type() + " " + Json.write(event.details()));
    }

    private static Map<String, String> placeholders(String template, Map<String, String> given) {
        Map<String, String> values = new HashMap<>(given);
        for (String name : Placeholders.names(template)) {
            if (!values.containsKey(name) && name.endsWith("FunctionArn")) {
                values.put(name, "arn:aws:lambda:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":function:"
                        + name.replace("FunctionArn", ""));
            }
        }
        return values;
    }

    private static JsonNode readJson(Path file, String what) throws IOException {
        if (file == null) {
            return Json.object();
        }
        try {
            return Json.parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " file " + file + " is " + e.getMessage());
        }
    }
}
