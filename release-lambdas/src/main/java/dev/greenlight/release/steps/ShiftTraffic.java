package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.Map;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;

/**
 * Shift: set green's share to the step's percent and blue's to the rest, then read the weights back.
 * Repeating it is harmless: weights already at the target are left as they are. It refuses to overwrite
 * weights it did not set, even if they changed after the verification.
 */
public class ShiftTraffic {

    /**
     * @param shiftedAt      when the weights were set: the start of the bake window
     * @param firstShiftedAt when green first got traffic in this release (this shift, or the step's)
     * @param percent        green's share now
     * @param weights        the weights read back, by slot
     */
    public record Result(String shiftedAt, String firstShiftedAt, int percent, Map<String, Integer> weights) {
    }

    private final ReleaseSteps steps;

    public ShiftTraffic(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        StepRequest.Step step = ReleaseSteps.step(request);
        Instant now = ReleaseSteps.time(request.now(), "now");
        steps.renewLease(release, now);

        Map<String, Integer> target = ReleaseSteps.split(release, step.percent());
        Map<String, Integer> current = steps.weightsBySlot();
        if (!current.equals(target)) {
            Map<String, Integer> expected = VerifyTraffic.lastSet(steps, release);
            if (!current.equals(expected)) {
                throw new WeightsChangedException(expected, current);
            }
            steps.traffic.setWeights(steps.properties.listenerArn(), steps.byTargetGroup(target));
            Map<String, Integer> readBack = steps.weightsBySlot();
            if (!readBack.equals(target)) {
                throw new WeightsNotAppliedException(target, readBack);
            }
            steps.decide(release, request.now(), "shifted", step.percent() + "% of traffic to green",
                    Map.of("before", current, "after", readBack));
        }
        steps.records.setTraffic(release.service(), release.releaseId(), step.percent(), target);
        String firstShift = step.firstShiftedAt() != null ? step.firstShiftedAt() : now.toString();
        return new Result(now.toString(), firstShift, step.percent(), target);
    }

    /** The listener's weights are not the ones this release set: someone else changed them. */
    public static class WeightsChangedException extends RuntimeException {
        public WeightsChangedException(Map<String, Integer> expected, Map<String, Integer> found) {
            super("the listener weights were changed outside this release: expected " + expected + ", found " + found);
        }
    }

    /** The listener did not keep the weights just set. */
    public static class WeightsNotAppliedException extends RuntimeException {
        public WeightsNotAppliedException(Map<String, Integer> set, Map<String, Integer> readBack) {
            super("set the weights to " + set + " but read back " + readBack);
        }
    }
}
