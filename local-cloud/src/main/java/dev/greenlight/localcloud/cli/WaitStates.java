package dev.greenlight.localcloud.cli;

import java.util.Map;

/**
 * The Wait states of {@code statemachine/release.asl.json}: what each one waits for, in operators' words, and
 * the SecondsPath its length is read from (a test holds this table to the definition).
 */
final class WaitStates {

    /**
     * @param what        what the release is waiting for
     * @param secondsPath the state's SecondsPath, a plain {@code $.a.b} path into the state's input
     */
    record WaitState(String what, String secondsPath) {
    }

    static final Map<String, WaitState> RELEASE = Map.of(
            "Wait in queue", new WaitState("queued, next lock attempt", "$.release.retryAfterSeconds"),
            "Wait for green", new WaitState("health poll", "$.release.plan.healthPollSeconds"),
            "Bake", new WaitState("bake", "$.bake.waitSeconds"),
            "Paused by operator", new WaitState("pause", "$.bake.waitSeconds"),
            "Keep blue for the termination wait", new WaitState("termination wait", "$.hold.waitSeconds"));

    private WaitStates() {
    }
}
