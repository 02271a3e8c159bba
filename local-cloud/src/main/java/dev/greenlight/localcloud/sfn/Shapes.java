package dev.greenlight.localcloud.sfn;

import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.HistoryEvent;
import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;

/** The response shapes of the Step Functions API, with AWS's field names; timestamps are epoch seconds. */
final class Shapes {

    private Shapes() {
    }

    static JsonNode timestamp(Instant instant) {
        return Json.number(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    /** An ExecutionListItem. */
    static ObjectNode listItem(Execution execution) {
        ObjectNode item = Json.object();
        item.put("executionArn", execution.executionArn());
        item.put("stateMachineArn", execution.identity().stateMachineArn());
        item.put("name", execution.identity().name());
        item.put("status", execution.status().name());
        item.set("startDate", timestamp(execution.startDate()));
        if (execution.stopDate() != null) {
            item.set("stopDate", timestamp(execution.stopDate()));
        }
        return item;
    }

    /** DescribeExecution's response. */
    static ObjectNode description(Execution execution) {
        ObjectNode description = listItem(execution);
        description.put("input", Json.write(execution.input()));
        description.set("inputDetails", Json.object().put("included", true));
        if (execution.output() != null) {
            description.put("output", Json.write(execution.output()));
            description.set("outputDetails", Json.object().put("included", true));
        }
        if (execution.error() != null) {
            description.put("error", execution.error());
        }
        if (execution.cause() != null) {
            description.put("cause", execution.cause());
        }
        return description;
    }

    /**
     * A HistoryEvent. Details go under the field AWS names for the type (stateEnteredEventDetails for every
     * ...StateEntered); types whose details are empty, such as LambdaFunctionStarted, have none, as on AWS.
     * Without execution data, inputs and outputs are left out.
     */
    static ObjectNode historyEvent(HistoryEvent event, boolean includeExecutionData) {
        ObjectNode shape = Json.object();
        shape.set("timestamp", timestamp(event.timestamp()));
        shape.put("type", event.type());
        shape.put("id", event.id());
        shape.put("previousEventId", event.previousEventId());
        ObjectNode details = (ObjectNode) event.details().deepCopy();
        if (!includeExecutionData) {
            details.remove("input");
            details.remove("output");
        }
        if (!details.isEmpty()) {
            shape.set(event.detailsField(), details);
        }
        return shape;
    }
}
