package dev.greenlight.release.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * How a release moves traffic: the configured default, which a release may override in its input.
 *
 * @param steps                        green's share of traffic at each step, in percent: increasing, ending at 100
 * @param bakeSeconds                  how long to watch each step before its gate; one entry per step
 * @param healthTimeoutSeconds         how long green may take to become healthy before the release rolls back
 * @param healthPollSeconds            how often green's health is checked while waiting for it
 * @param controlPollSeconds           how often a bake or the termination wait looks at operator controls
 * @param terminationWaitSeconds       how long blue is kept after 100%, for an instant rollback, before it is deleted
 * @param gate                         the thresholds of the gate
 * @param inconclusivePolicy           what an INCONCLUSIVE gate leads to once extending the bake cannot help:
 *                                     PROCEED to the next step, ROLLBACK, or PAUSE for an operator
 * @param maxInconclusiveExtensions    how many times an INCONCLUSIVE gate may extend a step's bake first
 * @param maxExtensionSeconds          how long, in all, the extensions of one step may last; each lasts as long as
 *                                     green needs, at its current traffic, to get the requests the gate asked for
 * @param pauseTimeoutSeconds          how long a release the gate paused waits for an operator
 * @param pauseTimeoutAction           what happens when nobody answered that pause: PROCEED or ROLLBACK
 */
public record ReleasePlan(
        List<Integer> steps,
        List<Integer> bakeSeconds,
        int healthTimeoutSeconds,
        int healthPollSeconds,
        int controlPollSeconds,
        int terminationWaitSeconds,
        GateThresholds gate,
        InconclusivePolicy inconclusivePolicy,
        int maxInconclusiveExtensions,
        int maxExtensionSeconds,
        int pauseTimeoutSeconds,
        PauseTimeoutAction pauseTimeoutAction) {

    /** What a release does once an INCONCLUSIVE gate cannot be helped by a longer bake. */
    public enum InconclusivePolicy {
        /** Go on to the next step, as if the gate had passed. */
        PROCEED,
        /** Roll back to blue. */
        ROLLBACK,
        /** Hold the step for an operator (resume, promote or abort), at most {@code pauseTimeoutSeconds}. */
        PAUSE
    }

    /** What a pause the gate asked for ends in when no operator answered it in time. */
    public enum PauseTimeoutAction { PROCEED, ROLLBACK }

    /** Every problem with this plan, in words an operator can act on; empty when the plan is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (steps == null || steps.isEmpty()) {
            problems.add("steps must list at least one percentage, ending at 100");
        } else {
            int previous = 0;
            for (Integer step : steps) {
                if (step == null || step <= previous || step > 100) {
                    problems.add("steps must increase strictly, each from 1 to 100, but were " + steps);
                    break;
                }
                previous = step;
            }
            if (steps.get(steps.size() - 1) == null || steps.get(steps.size() - 1) != 100) {
                problems.add("steps must end at 100, but were " + steps);
            }
            if (bakeSeconds == null || bakeSeconds.size() != steps.size()) {
                problems.add("bakeSeconds must give one bake per step (" + steps.size() + "), but was " + bakeSeconds);
            }
        }
        if (bakeSeconds != null && bakeSeconds.stream().anyMatch(b -> b == null || b < 0 || b > 86_400)) {
            problems.add("each bake must be from 0 to 86400 seconds, but bakeSeconds was " + bakeSeconds);
        }
        range(problems, "healthTimeoutSeconds", healthTimeoutSeconds, 10, 3_600);
        range(problems, "healthPollSeconds", healthPollSeconds, 1, 300);
        range(problems, "controlPollSeconds", controlPollSeconds, 1, 300);
        range(problems, "terminationWaitSeconds", terminationWaitSeconds, 0, 86_400);
        range(problems, "maxInconclusiveExtensions", maxInconclusiveExtensions, 0, 10);
        range(problems, "maxExtensionSeconds", maxExtensionSeconds, 0, 86_400);
        range(problems, "pauseTimeoutSeconds", pauseTimeoutSeconds, 1, 7 * 86_400);
        if (inconclusivePolicy == null) {
            problems.add("inconclusivePolicy must be PROCEED, ROLLBACK or PAUSE");
        }
        if (pauseTimeoutAction == null) {
            problems.add("pauseTimeoutAction must be PROCEED or ROLLBACK");
        }
        if (gate == null) {
            problems.add("gate thresholds are missing");
        } else {
            problems.addAll(gate.problems());
        }
        return problems;
    }

    /**
     * @throws InvalidPlanException listing every problem, if there is any
     */
    public ReleasePlan validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        return this;
    }

    /**
     * This plan with the fields an override sets replaced; fields the override leaves null are kept. One bake
     * given for several steps applies to each of them.
     */
    public ReleasePlan with(PlanOverride override) {
        if (override == null) {
            return this;
        }
        List<Integer> newSteps = override.steps() != null ? override.steps() : steps;
        return new ReleasePlan(
                newSteps,
                override.bakeSeconds() == null
                        ? override.steps() != null ? resizedBakes(override.steps().size()) : bakeSeconds
                        : override.bakeSeconds().size() == 1 && newSteps != null
                                ? java.util.Collections.nCopies(newSteps.size(), override.bakeSeconds().get(0))
                                : override.bakeSeconds(),
                override.healthTimeoutSeconds() != null ? override.healthTimeoutSeconds() : healthTimeoutSeconds,
                override.healthPollSeconds() != null ? override.healthPollSeconds() : healthPollSeconds,
                override.controlPollSeconds() != null ? override.controlPollSeconds() : controlPollSeconds,
                override.terminationWaitSeconds() != null ? override.terminationWaitSeconds() : terminationWaitSeconds,
                override.gate() != null ? gate.with(override.gate()) : gate,
                override.inconclusivePolicy() != null ? override.inconclusivePolicy() : inconclusivePolicy,
                override.maxInconclusiveExtensions() != null ? override.maxInconclusiveExtensions()
                        : maxInconclusiveExtensions,
                override.maxExtensionSeconds() != null ? override.maxExtensionSeconds() : maxExtensionSeconds,
                override.pauseTimeoutSeconds() != null ? override.pauseTimeoutSeconds() : pauseTimeoutSeconds,
                override.pauseTimeoutAction() != null ? override.pauseTimeoutAction() : pauseTimeoutAction);
    }

    /** When only the steps are overridden, every step bakes as long as this plan's first step did. */
    private List<Integer> resizedBakes(int count) {
        int bake = bakeSeconds == null || bakeSeconds.isEmpty() ? 0 : bakeSeconds.get(0);
        return java.util.Collections.nCopies(count, bake);
    }

    private static void range(List<String> problems, String name, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(name + " must be from " + min + " to " + max + ", but was " + value);
        }
    }
}
