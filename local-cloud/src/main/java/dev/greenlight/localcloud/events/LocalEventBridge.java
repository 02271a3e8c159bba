package dev.greenlight.localcloud.events;

import dev.greenlight.statemachine.events.EventPattern;
import dev.greenlight.statemachine.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default event bus: rules whose patterns are matched by AWS's event-ruler library, each with one
 * target. Events are delivered as they are put, on the caller's thread.
 */
public final class LocalEventBridge {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBridge.class);

    private record Rule(EventPattern pattern, EventTarget target) {
    }

    private final String region;
    private final String account;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();

    /**
     * @param region  the region events from local services carry
     * @param account the account events from local services carry
     */
    public LocalEventBridge(String region, String account) {
        this.region = region;
        this.account = account;
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    /** PutRule with PutTargets: a rule of that name is replaced. */
    public void putRule(String name, EventPattern pattern, EventTarget target) {
        rules.put(name, new Rule(pattern, target));
    }

    /**
     * PutEvents of one event: delivers it to the target of every rule it matches. A target that fails is
     * logged and skipped, as EventBridge gives up on a target without failing the event.
     *
     * @return the names of the matched rules
     * @throws IllegalArgumentException when the event is not JSON
     */
    public List<String> putEvent(JsonNode event) {
        String json = Json.write(event);
        List<String> matched = new ArrayList<>();
        rules.forEach((name, rule) -> {
            if (rule.pattern().matches(json)) {
                matched.add(name);
                deliver(name, rule.target(), event);
            }
        });
        return matched;
    }

    private static void deliver(String ruleName, EventTarget target, JsonNode event) {
        try {
            target.deliver(event.deepCopy());
        } catch (RuntimeException e) {
            LOG.warn("rule {} could not deliver event {} to its target: {}", ruleName, event.path("id").asString(""),
                    e.getMessage());
        }
    }
}
