package dev.greenlight.localcloud.events;

import tools.jackson.databind.JsonNode;

/** Where a rule sends the events it matches. */
@FunctionalInterface
public interface EventTarget {

    /**
     * Delivers one matched event, as EventBridge would: the whole event is the target's input.
     *
     * @throws RuntimeException when the target refuses it; the bus logs it and delivers to the other targets
     */
    void deliver(JsonNode event);
}
