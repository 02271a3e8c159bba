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
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * During a bake, a hold the gate asked for, or the termination wait: honour the operator's controls, or say how
 * long to keep holding. The state machine waits {@code waitSeconds} and asks again; no Lambda ever sleeps. During
 * a bake or a hold it also takes an interim look at the gate over the step so far, so that a version failing early
 * is rolled back then rather than after the whole bake (the gate's tests stay valid however often they look).
 *
 * <p>Phases: BAKE (since the shift, for holdSeconds), HOLD (the gate found too little evidence and the plan says to
 * pause: until an operator resumes, promotes or aborts, or pauseTimeoutSeconds pass), TERMINATION_WAIT.
 *
 * <p>Actions: ABORT (roll back now), PROMOTE (skip the remaining bakes), FAIL (the interim look failed: roll back),
 * PAUSED (an operator paused the bake; ask again later), WAIT (keep holding), DONE (the hold is over: for a HOLD,
 * the operator resumed, or nobody did and the plan's timeout action is PROCEED), ROLLBACK (a HOLD nobody answered,
 * with ROLLBACK as the timeout action).
 */
public class CheckControls {

    public static final String ABORT = "ABORT";
    public static final String PROMOTE = "PROMOTE";
    public static final String PAUSED = "PAUSED";
    public static final String WAIT = "WAIT";
    public static final String DONE = "DONE";
    public static final String FAIL = "FAIL";
    public static final String ROLLBACK = "ROLLBACK";

    static final String BAKE = "BAKE";
    static final String HOLD = "HOLD";

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
        String phase = request.phase() == null ? BAKE : request.phase();
        steps.renewLease(release, now);

        ReleaseRecord record = steps.records.find(release.service(), release.releaseId()).orElseThrow();
        Map<String, String> controls = record.controls();
        int poll = release.plan().controlPollSeconds();
        if (controls.containsKey(Control.ABORT.name())) {
            return decided(release, request, ABORT, "aborted by " + controls.get(Control.ABORT.name()));
        }
        boolean watching = BAKE.equals(phase) || HOLD.equals(phase);
        if (controls.containsKey(Control.PROMOTE.name()) && watching) {
            if (HOLD.equals(phase) && controls.containsKey(Control.PAUSE.name())) {
                // the gate's pause must not hold the termination wait that follows
                steps.records.setControl(release.service(), release.releaseId(), Control.RESUME,
                        "promoted by " + controls.get(Control.PROMOTE.name()), request.now());
            }
            return decided(release, request, PROMOTE, "promoted by " + controls.get(Control.PROMOTE.name()));
        }
        long remaining = request.holdSeconds() - Duration.between(since, now).toSeconds();
        boolean paused = controls.containsKey(Control.PAUSE.name());
        if (watching && (remaining > 0 || paused)) {
            Result failed = interimLook(release, request, BAKE.equals(phase) ? since
                    : ReleaseSteps.time(request.windowStart(), "windowStart"), now);
            if (failed != null) {
                return failed;
            }
        }
        if (HOLD.equals(phase)) {
            return hold(release, request, controls, remaining, poll);
        }
        if (paused) {
            return new Result(PAUSED, poll, "paused by " + controls.get(Control.PAUSE.name()));
        }
        String what = BAKE.equals(phase) ? "bake at " + percent(request) + "%" : "termination wait";
        if (remaining > 0) {
            return new Result(WAIT, (int) Math.min(remaining, poll), remaining + " s of the " + what + " left");
        }
        return new Result(DONE, 0, "the " + what + " is over");
    }

    /** The interim look: a FAIL rolls back now; anything else means keep holding. */
    private Result interimLook(ReleaseContext release, StepRequest request, Instant from, Instant now) {
        if (!now.isAfter(from)) {
            return null;
        }
        StepRequest.Step step = ReleaseSteps.step(request);
        GateInput input = steps.gateInput(release, step, from, now, false);
        GateVerdict verdict = Gate.evaluate(input, release.plan().gate(), ReleaseSteps.look(release, step, false));
        if (verdict.verdict() != GateVerdict.Verdict.FAIL) {
            return null;
        }
        String reason = "FAIL at " + step.percent() + "% during the " + (HOLD.equals(request.phase()) ? "hold"
                : "bake") + ": " + verdict.reason();
        steps.decide(release, request.now(), "gate", reason, Map.of("look", "interim",
                "window", Map.of("from", from.toString(), "to", now.toString()), "metrics", input,
                "verdict", verdict));
        return new Result(FAIL, 0, reason);
    }

    /** A hold the gate asked for: it ends when an operator clears the PAUSE it set, or at the plan's timeout. */
    private Result hold(ReleaseContext release, StepRequest request, Map<String, String> controls, long remaining,
            int poll) {
        ReleasePlan plan = release.plan();
        if (!controls.containsKey(Control.PAUSE.name())) {
            return decided(release, request, "resumed", DONE, "resumed by an operator after the gate asked for one");
        }
        if (remaining > 0) {
            return new Result(WAIT, (int) Math.min(remaining, poll), "waiting for an operator: " + remaining
                    + " s left before the pause times out ("
                    + plan.pauseTimeoutAction().name().toLowerCase(Locale.ROOT) + " then)");
        }
        String reason = "nobody answered the gate's pause in " + request.holdSeconds() + " s";
        if (plan.pauseTimeoutAction() == ReleasePlan.PauseTimeoutAction.ROLLBACK) {
            return decided(release, request, "pause timed out", ROLLBACK, reason + ": rolling back, as the plan says");
        }
        steps.records.setControl(release.service(), release.releaseId(), Control.RESUME, "gate: pause timed out",
                request.now());
        return decided(release, request, "pause timed out", DONE, reason + ": going on, as the plan says");
    }

    private static String percent(StepRequest request) {
        return request.step() == null ? "?" : Integer.toString(request.step().percent());
    }

    private Result decided(ReleaseContext release, StepRequest request, String action, String reason) {
        return decided(release, request, action.toLowerCase(Locale.ROOT), action, reason);
    }

    private Result decided(ReleaseContext release, StepRequest request, String kind, String action, String reason) {
        steps.decide(release, request.now(), kind, reason,
                Map.of("phase", request.phase() == null ? BAKE : request.phase()));
        return new Result(action, 0, reason);
    }
}
