package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.gate.Gate;
import dev.greenlight.release.gate.GateInput;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.gate.GateVerdict;

/**
 * The gate's look at a step over a window: both slots' ALB metrics, the balancer's, the alarms and the latency
 * counts, judged by the release's thresholds. CheckControls looks during a hold, EvaluateGate at its end.
 */
public class GateWindow {

    /**
     * What was read and what the gate concluded from it.
     *
     * @param input   the readings
     * @param verdict the gate's verdict on them
     */
    record Look(GateInput input, GateVerdict verdict) {
    }

    private final GateReadings readings;
    private final int greenTasks;

    /** @param greenTasks how many tasks green runs once healthy */
    public GateWindow(GateReadings readings, int greenTasks) {
        this.readings = readings;
        this.greenTasks = greenTasks;
    }

    /**
     * @param endOfBake true for the verdict at the end of a bake, false for an interim look during it
     */
    Look look(ReleaseContext release, StepRequest.Step step, List<StepRequest.Answered> smokeRequests, Instant from,
            Instant to, boolean endOfBake) {
        Instant firstShift = step.firstShiftedAt() == null ? null
                : Inputs.time(step.firstShiftedAt(), "step.firstShiftedAt");
        GateInput input = readings.read(release.plan().gate(), release.green().targetGroupArn(), greenTasks,
                release.blue() == null ? null : release.blue().targetGroupArn(), step.percent(), firstShift, from, to,
                endOfBake, bySecond(smokeRequests));
        GateVerdict verdict = Gate.evaluate(input, release.plan().gate(),
                new Gate.Look(release.plan().steps().size(), step.percent(), endOfBake));
        return new Look(input, verdict);
    }

    private static NavigableMap<Instant, Long> bySecond(List<StepRequest.Answered> answered) {
        NavigableMap<Instant, Long> seconds = new TreeMap<>();
        for (StepRequest.Answered second : answered == null ? List.<StepRequest.Answered>of() : answered) {
            if (second == null || second.requests() < 0) {
                throw new InvalidInputException("smokeRequests holds an entry without a second or with a negative"
                        + " count: " + second);
            }
            seconds.merge(Inputs.time(second.second(), "smokeRequests.second"), second.requests(), Long::sum);
        }
        return seconds;
    }
}
