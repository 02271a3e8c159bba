package dev.greenlight.operator;

import java.util.Map;

/**
 * The Wait states of {@code statemachine/release.asl.json}: what each one waits for, in operators' words, and
 * the SecondsPath its length is read from (a test holds this table to the definition).
 */
final class WaitStates {

    /**
     * @param what        what the release is waiting for
     * @param secondsPath the state's SecondsPath, a plain {@code $.a.b} path into the state's input
     * @param sincePath   for a wait that is one poll of a longer hold (a bake, the termination wait): where in
     *                    the state's input the hold started; null when the wait is the whole of it
     * @param holdPath    and how many seconds the hold lasts
     */
    record WaitState(String what, String secondsPath, String sincePath, String holdPath) {

        WaitState(String what, String secondsPath) {
            this(what, secondsPath, null, null);
        }
    }

    static final Map<String, WaitState> RELEASE = Map.of(
            "Wait in queue", new WaitState("queued, next lock attempt", "$.release.retryAfterSeconds"),
            "Wait for green", new WaitState("health poll", "$.release.plan.healthPollSeconds"),
            "Bake", new WaitState("bake", "$.bake.waitSeconds", "$.shift.shiftedAt", "$.step.bakeSeconds"),
            "Paused by operator", new WaitState("pause", "$.bake.waitSeconds"),
            "Wait for an operator", new WaitState("gate's pause, waiting for an operator", "$.bake.waitSeconds",
                    "$.pause.since", "$.pause.seconds"),
            "Keep blue for the termination wait", new WaitState("termination wait", "$.hold.waitSeconds",
                    "$.termination.since", "$.termination.seconds"));

    private WaitStates() {
    }
}
