package dev.greenlight.release;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the state machine passes to every step after Prepare; each step uses the fields it needs and checks
 * they are there.
 *
 * @param release     the release, as Prepare returned it
 * @param step        the traffic step in progress, where there is one
 * @param now         the state's entered time ($$.State.EnteredTime): the same on every retry of the step
 * @param phase       for CheckControls: what the hold is for; BAKE where the state machine does not say
 * @param since       for CheckControls: when the hold began (the shift, the gate's pause, or the start of the
 *                    termination wait)
 * @param holdSeconds for CheckControls: how long the hold lasts
 * @param windowStart start of the gate's metric window (for CheckControls in a HOLD: the step's shift)
 * @param windowEnd   end of the gate's metric window
 * @param smokeRequests for the gate: the smoke test's requests, by the second they were answered, which it leaves
 *                    out of green's counts; null or empty where there were none
 * @param failure     for Roll back and Abandon: the error that led there
 */
public record StepRequest(
        ReleaseContext release,
        Step step,
        String now,
        HoldPhase phase,
        String since,
        Integer holdSeconds,
        String windowStart,
        String windowEnd,
        List<Answered> smokeRequests,
        Failure failure) {

    /**
     * Requests answered in one second.
     *
     * @param second   the second's start, ISO-8601
     * @param requests how many
     */
    public record Answered(String second, long requests) {
    }

    /**
     * A traffic step.
     *
     * @param index       position in the plan's steps
     * @param lastIndex   position of the last step
     * @param percent     green's share at this step
     * @param bakeSeconds how long this step bakes (extensions included)
     * @param extensions  how many times an INCONCLUSIVE gate extended this bake
     * @param skipBake    true when going to 100% without a bake (first release, promote)
     * @param firstShiftedAt when green first got traffic in this release: the start of its warm-up; null before
     *                    the first shift
     */
    public record Step(int index, int lastIndex, int percent, int bakeSeconds, int extensions, boolean skipBake,
            String firstShiftedAt) {
    }

    /** An ASL error as Catch hands it over: {@code {"Error": ..., "Cause": ...}}. */
    public record Failure(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
    }
}
