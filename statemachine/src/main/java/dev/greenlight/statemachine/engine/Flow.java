package dev.greenlight.statemachine.engine;

/** A thread of events in the history: the execution itself, or one Parallel branch or Map iteration. */
final class Flow {

    private long lastEventId;

    Flow(long lastEventId) {
        this.lastEventId = lastEventId;
    }

    long lastEventId() {
        return lastEventId;
    }

    void moveTo(long eventId) {
        lastEventId = eventId;
    }
}
