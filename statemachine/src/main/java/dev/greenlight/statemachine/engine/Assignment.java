package dev.greenlight.statemachine.engine;

import dev.greenlight.statemachine.json.Json;
import dev.greenlight.statemachine.json.PayloadTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Assign field of a state, a Choice rule or a catcher. Its {@code .$} fields read {@code $} from the value
 * the specification names (a task's selected result, a Choice's or Wait's effective input, a Pass state's
 * result, a catcher's error output) and variables as they were when the state was entered.
 */
record Assignment(PayloadTemplate template) {

    static final Assignment NONE = new Assignment(null);

    static Assignment of(JsonNode owner) {
        JsonNode assign = owner.get("Assign");
        return assign == null ? NONE : new Assignment(new PayloadTemplate(assign));
    }

    /** The variables to set and their new values; nothing is set until the state is done. */
    ObjectNode evaluate(JsonNode value, StateContext context) throws AslError {
        if (template == null) {
            return Json.object();
        }
        return (ObjectNode) DataFlow.applyTemplate(template, context.roots(value), context);
    }
}
