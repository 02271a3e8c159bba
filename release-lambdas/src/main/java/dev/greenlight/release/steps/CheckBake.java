package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.greenlight.release.Control;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * During a bake: honour the operator's controls, or say how long to keep baking. The state machine waits
 * ({@code waitSeconds}) and asks again; no Lambda ever sleeps.
 *
 * <p>Actions: ABORT (roll back now), PROMOTE (skip the remaining bakes), PAUSED (hold; ask again later),
 * BAKE (keep watching), GATE (the bake is over: evaluate the gate).
 */
public class CheckBake {

    public static final String ABORT = "ABORT";
    public static final String PROMOTE = "PROMOTE";
    public static final String PAUSED = "PAUSED";
    public static final String BAKE = "BAKE";
    public static final String GATE = "GATE";

    /**
     * @param action      what the state machine does next
     * @param waitSeconds for BAKE and PAUSED: how long to wait before asking again
     * @param reason      why, for the record (who pressed what)
     */
    public record Result(String action, int waitSeconds, String reason) {
    }

    private final ReleaseSteps steps;

    public CheckBake(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        StepRequest.Step step = ReleaseSteps.step(request);
        Instant now = ReleaseSteps.time(request.now(), "now");
        Instant shiftedAt = ReleaseSteps.time(request.shiftedAt(), "shiftedAt");
        steps.renewLease(release, now);

        ReleaseRecord record = steps.records.find(release.service(), release.releaseId()).orElseThrow();
        Map<String, String> controls = record.controls();
        int poll = release.plan().bakePollSeconds();
        if (controls.containsKey(Control.ABORT.name())) {
            return decided(release, request, ABORT, 0, "aborted by " + controls.get(Control.ABORT.name()));
        }
        if (controls.containsKey(Control.PROMOTE.name())) {
            return decided(release, request, PROMOTE, 0, "promoted by " + controls.get(Control.PROMOTE.name()));
        }
        if (controls.containsKey(Control.PAUSE.name())) {
            return new Result(PAUSED, poll, "paused by " + controls.get(Control.PAUSE.name()));
        }
        long remaining = step.bakeSeconds() - Duration.between(shiftedAt, now).toSeconds();
        if (remaining > 0) {
            return new Result(BAKE, (int) Math.min(remaining, poll), remaining + " s of bake left at "
                    + step.percent() + "%");
        }
        return new Result(GATE, 0, "baked " + step.bakeSeconds() + " s at " + step.percent() + "%");
    }

    private Result decided(ReleaseContext release, StepRequest request, String action, int wait, String reason) {
        steps.decide(release, request.now(), action.toLowerCase(java.util.Locale.ROOT), reason,
                Map.of("step", request.step()));
        return new Result(action, wait, reason);
    }
}
