package dev.greenlight.release.store;

import java.util.List;

import dev.greenlight.release.StepRequest;

/**
 * Where a release is, as its steps last recorded it: what operators watch. Each part is written by the step that
 * knows it, so reading a release's progress takes its record alone.
 *
 * @param plan   the plan's steps, green's percent at each; null until Prepare let the release proceed
 * @param step   the traffic step in progress; null before the first shift
 * @param health green's health as last checked; null before the first check
 * @param hold   what the release is waiting for now; null while it waits for nothing
 */
public record Progress(List<Integer> plan, StepRequest.Step step, Health health, Hold hold) {

    public static final Progress NONE = new Progress(null, null, null, null);

    /**
     * Green's health.
     *
     * @param healthy   healthy targets in green's target group
     * @param desired   tasks green should run; null when only the targets were counted
     * @param running   tasks green runs; null when only the targets were counted
     * @param checkedAt when
     * @param by        what checked it, in words
     */
    public record Health(int healthy, Integer desired, Integer running, String checkedAt, String by) {
    }

    /**
     * A wait of the workflow.
     *
     * @param reason  what it waits for
     * @param since   when the wait began
     * @param seconds how long it lasts; null for a wait that ends when something happens (an operator resumes,
     *                green becomes healthy)
     */
    public record Hold(Reason reason, String since, Integer seconds) {
    }

    /** What a release can wait for. */
    public enum Reason {
        /** another release holds the lock, or green's slot is still draining: Prepare is asked again */
        QUEUE("queued, next lock attempt"),
        /** green's tasks are starting: health is checked again until the plan's health deadline */
        GREEN_HEALTH("green's health, until the deadline"),
        /** a step bakes */
        BAKE("bake"),
        /** an operator paused the release */
        PAUSE("pause"),
        /** the gate could not tell and the plan says to wait for an operator */
        OPERATOR("gate's pause, waiting for an operator"),
        /** 100% is on green and blue is kept for the termination wait */
        TERMINATION_WAIT("termination wait");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        /** The reason in operators' words. */
        public String words() {
            return words;
        }
    }
}
