package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.Map;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecords;

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

    private final Lease lease;
    private final Listener listener;
    private final ReleaseRecords records;
    private final Timeline timeline;

    public ShiftTraffic(Lease lease, Listener listener, ReleaseRecords records, Timeline timeline) {
        this.lease = lease;
        this.listener = listener;
        this.records = records;
        this.timeline = timeline;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = Inputs.release(request);
        StepRequest.Step step = Inputs.step(request);
        Instant now = Inputs.now(request);
        lease.renew(release, now);

        Map<String, Integer> target = Listener.split(release, step.percent());
        Map<String, Integer> current = listener.weights();
        if (!current.equals(target)) {
            Map<String, Integer> expected = listener.lastSet(release);
            if (!current.equals(expected)) {
                throw new WeightsChangedException(expected, current);
            }
            Map<String, Integer> readBack = listener.set(target);
            timeline.decide(release, request.now(), "shifted", step.percent() + "% of traffic to green",
                    Map.of("before", current, "after", readBack));
        }
        records.setTraffic(release.service(), release.releaseId(), step.percent(), target);
        records.setStep(release.service(), release.releaseId(), step);
        records.setHold(release.service(), release.releaseId(), step.skipBake() || step.bakeSeconds() == 0 ? null
                : new Progress.Hold(Progress.Reason.BAKE, now.toString(), step.bakeSeconds()));
        String firstShift = step.firstShiftedAt() != null ? step.firstShiftedAt() : now.toString();
        return new Result(now.toString(), firstShift, step.percent(), target);
    }

    /** The listener's weights are not the ones this release set: someone else changed them. */
    public static class WeightsChangedException extends RuntimeException {
        public WeightsChangedException(Map<String, Integer> expected, Map<String, Integer> found) {
            super("the listener weights were changed outside this release: expected " + expected + ", found " + found);
        }
    }
}
