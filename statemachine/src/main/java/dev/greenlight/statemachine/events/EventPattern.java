package dev.greenlight.statemachine.events;

import dev.greenlight.statemachine.definition.Placeholders;
import software.amazon.event.ruler.Machine;

import java.util.Map;

/**
 * An EventBridge event pattern, matched with AWS's own event-ruler library so that local matching
 * agrees with EventBridge. Patterns may hold {@code ${Name}} placeholders, filled on load.
 */
public final class EventPattern {

    private static final String RULE = "pattern";

    private final Machine machine = new Machine();

    private EventPattern(String pattern) {
        try {
            machine.addRule(RULE, pattern);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a valid event pattern: " + e.getMessage(), e);
        }
    }

    /** Compiles a pattern after filling its placeholders; fails naming any placeholder without a value. */
    public static EventPattern compile(String template, Map<String, String> placeholders) {
        return new EventPattern(Placeholders.fill(template, placeholders));
    }

    /** Whether an event, as the JSON EventBridge delivers, matches the pattern. */
    public boolean matches(String eventJson) {
        try {
            return !machine.rulesForJSONEvent(eventJson).isEmpty();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a valid event: " + e.getMessage(), e);
        }
    }
}
