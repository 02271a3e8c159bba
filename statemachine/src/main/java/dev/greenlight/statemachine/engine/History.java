package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The append-only event history of one execution; branches of Parallel and Map append concurrently. */
public final class History {

    private final Timer timer;
    private final List<HistoryEvent> events = new ArrayList<>();

    History(Timer timer) {
        this.timer = timer;
    }

    /** Appends an event that follows {@code flow}'s last event, and makes it the flow's last event. */
    synchronized HistoryEvent add(Flow flow, String type, JsonNode details) {
        HistoryEvent event = new HistoryEvent(events.size() + 1L, flow.lastEventId(), timer.now(), type, details);
        events.add(event);
        flow.moveTo(event.id());
        return event;
    }

    public synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }
}
