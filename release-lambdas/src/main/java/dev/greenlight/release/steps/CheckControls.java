package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.greenlight.release.Control;
import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.gate.Gate;
import dev.greenlight.release.gate.GateInput;
import dev.greenlight.release.gate.GateVerdict;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * During a bake or the termination wait: honour the operator's controls, or say how long to keep holding.
 * The state machine waits {@code waitSeconds} and asks again; no Lambda ever sleeps. During a bake it also
 * takes an interim look at the gate ({@link Gate#interim}) over the bake so far, so that a version failing
 * early is rolled back then rather than after the whole bake.
 *
 * <p>Actions: ABORT (roll back now), PROMOTE (skip the remaining bakes; ends the termination wait), FAIL (the
 * interim look failed: roll back), PAUSED (hold; ask again later), WAIT (keep holding), DONE (the hold is over).
 */
public class CheckControls {

    public static final String ABORT = "ABORT";
    public static final String PROMOTE = "PROMOTE";
    public static final String PAUSED = "PAUSED";
    public static final String WAIT = "WAIT";
    public static final String DONE = "DONE";
    public static final String FAIL = "FAIL";

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
        long remaining = request.holdSeconds() - Duration.between(since, now).toSeconds();
        boolean baking = "BAKE".equals(phase) && (remaining > 0 || controls.containsKey(Control.PAUSE.name()));
        if (baking && now.isAfter(since)) {
            GateInput input = steps.gateInput(release, since, now);
            GateVerdict verdict = Gate.interim(input, release.plan().gate());
            if (verdict.verdict() == GateVerdict.Verdict.FAIL) {
                String reason = "FAIL at " + percent(request) + "% during the bake: " + verdict.reason();
                steps.decide(release, request.now(), "gate", reason, Map.of("look", "interim",
                        "window", Map.of("from", since.toString(), "to", now.toString()), "metrics", input,
                        "verdict", verdict));
                return new Result(FAIL, 0, reason);
            }
        }
        if (controls.containsKey(Control.PAUSE.name())) {
            return new Result(PAUSED, poll, "paused by " + controls.get(Control.PAUSE.name()));
        }
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
