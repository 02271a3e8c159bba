package dev.greenlight.release.preview;

import java.util.List;

import dev.greenlight.release.plan.ReleasePlan;

/**
 * A release foreseen: what a plan will take at a traffic, and what each of its steps could catch.
 *
 * @param plan              the plan previewed
 * @param traffic           the traffic assumed
 * @param steps             each traffic step (none for a first release, which goes to 100% at once)
 * @param durationSeconds   from the push's event to the end of the release
 * @param healthChecks      how many times green's health is checked before it is found healthy
 * @param transitions       Step Functions state transitions, as billed
 * @param path              the states entered, in order: as many as the transitions, up to the first 10,000
 * @param functionCalls     Lambda invocations
 * @param gateLooks         looks of the gate at the metrics (each interim look and each verdict)
 * @param metricsRequested  CloudWatch metrics those looks request (GetMetricData bills per metric)
 * @param tasks             tasks per service
 * @param peakTasks         tasks running at the peak: blue's and green's during the overlap
 * @param overlapSeconds    how long green and blue both run
 * @param outcome           how the release is expected to end if green is as good as blue: RELEASED, or
 *                          ROLLED_BACK when the plan's policy rolls back a gate that cannot tell
 * @param notes             what the figures assume or warn of, in words
 */
public record Preview(ReleasePlan plan, Traffic traffic, List<StepForecast> steps, double durationSeconds,
        int healthChecks, int transitions, List<String> path, int functionCalls, int gateLooks, long metricsRequested, int tasks,
        int peakTasks, double overlapSeconds, String outcome, List<String> notes) {

    public Preview {
        steps = List.copyOf(steps);
        path = List.copyOf(path);
        notes = List.copyOf(notes);
    }

    /** Tasks beyond blue's at the peak. */
    public int extraTasks() {
        return peakTasks - tasks;
    }

    /** The time spent baking as planned, without extensions. */
    public int plannedBakeSeconds() {
        return plan.bakeSeconds().stream().mapToInt(Integer::intValue).sum();
    }
}
