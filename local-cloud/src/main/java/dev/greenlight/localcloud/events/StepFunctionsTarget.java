package dev.greenlight.localcloud.events;

import dev.greenlight.localcloud.sfn.LocalStepFunctions;
import tools.jackson.databind.JsonNode;

/**
 * A rule target that starts an execution of a state machine with the event as its input, under a generated
 * name, as an EventBridge Step Functions target does.
 */
public record StepFunctionsTarget(LocalStepFunctions stepFunctions, String stateMachineArn) implements EventTarget {

    @Override
    public void deliver(JsonNode event) {
        stepFunctions.start(stateMachineArn, null, event);
    }
}
