package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.greenlight.release.Control;
import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * During a bake or the termination wait: honour the operator's controls, or say how long to keep holding.
 * The state machine waits {@code waitSeconds} and asks again; no Lambda ever sleeps.
 *
 * <p>Actions: ABORT (roll back now), PROMOTE (skip the remaining bakes; ends the termination wait), PAUSED
 * (hold; ask again later), WAIT (keep holding), DONE (the hold is over).
 */
public class CheckControls {

    public static final String ABORT = "ABORT";
    public static final String PROMOTE = "PROMOTE";
    public static final String PAUSED = "PAUSED";
    public static final String WAIT = "WAIT";
    public static final String DONE = "DONE";

    /**
     * @param action      what the state machine does next
     * @param waitSeconds for WAIT and PAUSED: how long to wait before asking again; 0 otherwise
     * @param reason      why, for the record (who pressed what)
     */
    public record Result(String action, int waitSeconds, String reason) {
    }

    private final ReleaseSteps steps;

    public CheckControls(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        Instant now = ReleaseSteps.time(request.now(), "now");
        Instant since = ReleaseSteps.time(request.since(), "since");
        if (request.holdSeconds() == null || request.holdSeconds() < 0) {
            throw new InvalidInputException("the step input has no holdSeconds");
        }
        String phase = request.phase() == null ? "BAKE" : request.phase();
        steps.renewLease(release, now);

        ReleaseRecord record = steps.records.find(release.service(), release.releaseId()).orElseThrow();
        Map<String, String> controls = record.controls();
        int poll = release.plan().controlPollSeconds();
        if (controls.containsKey(Control.ABORT.name())) {
            return decided(release, request, ABORT, "aborted by " + controls.get(Control.ABORT.name()));
        }
        if (controls.containsKey(Control.PROMOTE.name()) && "BAKE".equals(phase)) {
            return decided(release, request, PROMOTE, "promoted by " + controls.get(Control.PROMOTE.name()));
        }
        if (controls.containsKey(Control.PAUSE.name())) {
            return new Result(PAUSED, poll, "paused by " + controls.get(Control.PAUSE.name()));
        }
        long remaining = request.holdSeconds() - Duration.between(since, now).toSeconds();
        String what = "BAKE".equals(phase) ? "bake at " + percent(request) + "%" : "termination wait";
        if (remaining > 0) {
            return new Result(WAIT, (int) Math.min(remaining, poll), remaining + " s of the " + what + " left");
        }
        return new Result(DONE, 0, "the " + what + " is over");
    }

    private static String percent(StepRequest request) {
        return request.step() == null ? "?" : Integer.toString(request.step().percent());
    }

    private Result decided(ReleaseContext release, StepRequest request, String action, String reason) {
        steps.decide(release, request.now(), action.toLowerCase(Locale.ROOT), reason,
                Map.of("phase", request.phase() == null ? "BAKE" : request.phase()));
        return new Result(action, 0, reason);
    }
}
