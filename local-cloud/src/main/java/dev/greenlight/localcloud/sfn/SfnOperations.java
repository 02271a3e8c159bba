package dev.greenlight.localcloud.sfn;

import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.ExecutionStatus;
import dev.greenlight.statemachine.engine.HistoryEvent;
import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The operations of the Step Functions API, from a JSON request to a JSON response. */
final class SfnOperations {

    private static final long STOP_WAIT_SECONDS = 10;
    private static final int MAX_ERROR_LENGTH = 256;
    private static final int MAX_CAUSE_LENGTH = 32768;
    // a local execution is never redriven, so filtering on this status finds none
    private static final String PENDING_REDRIVE = "PENDING_REDRIVE";

    private final LocalStepFunctions sfn;

    SfnOperations(LocalStepFunctions sfn) {
        this.sfn = sfn;
    }

    /** The JSON type of a request member. */
    private enum Kind { STRING, INTEGER, BOOLEAN }

    /**
     * The members each operation reads, with their types. As on AWS, the whole request is read before anything is
     * validated: a member of the wrong type is a SerializationException whatever else is wrong; members not
     * listed are ignored.
     */
    private static final Map<String, Map<String, Kind>> MEMBERS = Map.of(
            "StartExecution", Map.of("stateMachineArn", Kind.STRING, "name", Kind.STRING, "input", Kind.STRING,
                    "traceHeader", Kind.STRING),
            "DescribeExecution", Map.of("executionArn", Kind.STRING, "includedData", Kind.STRING),
            "ListExecutions", Map.of("stateMachineArn", Kind.STRING, "statusFilter", Kind.STRING,
                    "maxResults", Kind.INTEGER, "nextToken", Kind.STRING, "mapRunArn", Kind.STRING,
                    "redriveFilter", Kind.STRING),
            "GetExecutionHistory", Map.of("executionArn", Kind.STRING, "maxResults", Kind.INTEGER,
                    "reverseOrder", Kind.BOOLEAN, "nextToken", Kind.STRING, "includeExecutionData", Kind.BOOLEAN),
            "StopExecution", Map.of("executionArn", Kind.STRING, "error", Kind.STRING, "cause", Kind.STRING),
            "DescribeStateMachine", Map.of("stateMachineArn", Kind.STRING, "includedData", Kind.STRING));

    /** Runs {@code operation}, e.g. StartExecution; an unknown one is UnknownOperationException. */
    ObjectNode handle(String operation, JsonNode request) throws InterruptedException {
        Map<String, Kind> members = MEMBERS.get(operation);
        if (members == null) {
            throw new SfnException("UnknownOperationException", "Operation " + operation + " is not supported");
        }
        members.forEach((field, kind) -> member(request, field, kind));
        return switch (operation) {
            case "StartExecution" -> startExecution(request);
            case "DescribeExecution" -> describeExecution(request);
            case "ListExecutions" -> listExecutions(request);
            case "GetExecutionHistory" -> getExecutionHistory(request);
            case "StopExecution" -> stopExecution(request);
            case "DescribeStateMachine" -> describeStateMachine(request);
            default -> throw new SfnException("UnknownOperationException", "Operation " + operation + " is not supported");
        };
    }

    private ObjectNode startExecution(JsonNode request) {
        Execution execution = sfn.start(required(request, "stateMachineArn"), optional(request, "name"),
                executionInput(optional(request, "input")));
        ObjectNode response = Json.object();
        response.put("executionArn", execution.executionArn());
        response.set("startDate", Shapes.timestamp(execution.startDate()));
        return response;
    }

    private ObjectNode describeExecution(JsonNode request) {
        return Shapes.description(sfn.execution(required(request, "executionArn")));
    }

    private ObjectNode listExecutions(JsonNode request) {
        String filter = optional(request, "statusFilter");
        List<Execution> executions = sfn.executions(required(request, "stateMachineArn"), status(filter));
        if (PENDING_REDRIVE.equals(filter)) {
            executions = List.of();
        }
        Page<Execution> page = Page.of(executions, request);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("executions");
        page.items().forEach(execution -> items.add(Shapes.listItem(execution)));
        if (page.nextToken() != null) {
            response.put("nextToken", page.nextToken());
        }
        return response;
    }

    private ObjectNode getExecutionHistory(JsonNode request) {
        Execution execution = sfn.execution(required(request, "executionArn"));
        List<HistoryEvent> events = new ArrayList<>(execution.history());
        if (flag(request, "reverseOrder", false)) {
            Collections.reverse(events);
        }
        boolean includeData = flag(request, "includeExecutionData", true);
        Page<HistoryEvent> page = Page.of(events, request);
        ObjectNode response = Json.object();
        ArrayNode shapes = response.putArray("events");
        page.items().forEach(event -> shapes.add(Shapes.historyEvent(event, includeData)));
        if (page.nextToken() != null) {
            response.put("nextToken", page.nextToken());
        }
        return response;
    }

    /** The state machine's definition and identity; a local machine is always an ACTIVE STANDARD one. */
    private ObjectNode describeStateMachine(JsonNode request) {
        String arn = required(request, "stateMachineArn");
        LocalStepFunctions.Registered machine = sfn.stateMachine(arn);
        ObjectNode response = Json.object();
        response.put("stateMachineArn", arn);
        response.put("name", machine.name());
        response.put("status", "ACTIVE");
        response.put("definition", Json.MAPPER.writeValueAsString(machine.machine().definition()));
        response.put("roleArn", arn.substring(0, arn.indexOf(":states:")) + ":iam::" + arn.split(":")[4]
                + ":role/" + machine.name() + "-role");
        response.put("type", "STANDARD");
        response.set("creationDate", Shapes.timestamp(machine.createdAt()));
        return response;
    }

    private ObjectNode stopExecution(JsonNode request) throws InterruptedException {
        Execution execution = sfn.execution(required(request, "executionArn"));
        execution.stop(limited(request, "error", MAX_ERROR_LENGTH), limited(request, "cause", MAX_CAUSE_LENGTH));
        execution.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        Instant stopDate = execution.stopDate() != null ? execution.stopDate() : Instant.now();
        ObjectNode response = Json.object();
        response.set("stopDate", Shapes.timestamp(stopDate));
        return response;
    }

    private static JsonNode executionInput(String input) {
        if (input == null) {
            return Json.object();
        }
        try {
            return Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw new SfnException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
        }
    }

    private static ExecutionStatus status(String filter) {
        if (filter == null || PENDING_REDRIVE.equals(filter)) {
            return null;
        }
        return Arrays.stream(ExecutionStatus.values()).filter(status -> status.name().equals(filter)).findFirst()
                .orElseThrow(() -> new SfnException("ValidationException", "1 validation error detected: Value '" + filter
                        + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: "
                        + Arrays.toString(ExecutionStatus.values())));
    }

    private static String limited(JsonNode request, String field, int maxLength) {
        String value = optional(request, field);
        if (value != null && value.length() > maxLength) {
            throw new SfnException("ValidationException", "1 validation error detected: Value at '" + field
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + maxLength);
        }
        return value;
    }

    private static String required(JsonNode request, String field) {
        String value = optional(request, field);
        if (value == null) {
            throw new SfnException("ValidationException", "1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** A string member, or null when absent. */
    static String optional(JsonNode request, String field) {
        JsonNode value = member(request, field, Kind.STRING);
        return value == null ? null : value.asString();
    }

    /** A boolean member, as the JSON protocol reads one: true or false, nothing else. */
    static boolean flag(JsonNode request, String field, boolean absent) {
        JsonNode value = member(request, field, Kind.BOOLEAN);
        return value == null ? absent : value.asBoolean();
    }

    /** An integer member, or {@code absent}. */
    static int integer(JsonNode request, String field, int absent) {
        JsonNode value = member(request, field, Kind.INTEGER);
        return value == null ? absent : value.asInt();
    }

    /** The member {@code field}, or null when absent or null; of another type than {@code kind}, an error. */
    private static JsonNode member(JsonNode request, String field, Kind kind) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        boolean fits = switch (kind) {
            case STRING -> value.isString();
            case BOOLEAN -> value.isBoolean();
            case INTEGER -> value.isIntegralNumber() && value.canConvertToInt();
        };
        if (!fits) {
            String expected = switch (kind) {
                case STRING -> "a string";
                case BOOLEAN -> "true or false";
                case INTEGER -> "an integer";
            };
            throw wrongType(field, expected, value);
        }
        return value;
    }

    private static SfnException wrongType(String field, String expected, JsonNode value) {
        String found = value.isObject() ? "an object" : value.isArray() ? "an array" : value.isString() ? "a string"
                : value.isBoolean() ? "a boolean" : "a number";
        return new SfnException("SerializationException", "Field '" + field + "' must be " + expected + ", but was "
                + found);
    }
}
