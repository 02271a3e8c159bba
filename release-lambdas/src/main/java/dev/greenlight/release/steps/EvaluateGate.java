package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.greenlight.release.Control;
import dev.greenlight.release.GateAction;
import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.gate.GateVerdict;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.store.ReleaseRecords;

/**
 * Evaluate the gate over the bake window, store the verdict with its numbers, and say what the workflow does
 * next. An INCONCLUSIVE verdict extends the bake by as long as green needs, at its current traffic, to get the
 * requests the gate asked for, while the plan's extensions allow it; otherwise the plan's inconclusive policy
 * decides: PROCEED, ROLLBACK, or HOLD for an operator (the gate sets the PAUSE control, which
 * {@code ./greenlight resume} clears).
 */
public class EvaluateGate {

    /** Beyond this many times the extension left, a longer bake is not tried: the traffic cannot get there. */
    static final int HOPELESS = 4;

    /**
     * @param verdict       PASS, FAIL or INCONCLUSIVE
     * @param reason        one sentence
     * @param action        PROCEED to the next step, ROLLBACK, EXTEND the bake, or HOLD for an operator
     * @param extendSeconds for EXTEND: how much longer to bake; 0 otherwise
     * @param details       every check with its numbers
     */
    public record Result(Verdict verdict, String reason, GateAction action, int extendSeconds, GateVerdict details) {
    }

    private final Lease lease;
    private final GateWindow gate;
    private final ReleaseRecords records;
    private final Timeline timeline;

    public EvaluateGate(Lease lease, GateWindow gate, ReleaseRecords records, Timeline timeline) {
        this.lease = lease;
        this.gate = gate;
        this.records = records;
        this.timeline = timeline;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = Inputs.release(request);
        StepRequest.Step step = Inputs.step(request);
        Instant from = Inputs.time(request.windowStart(), "windowStart");
        Instant to = Inputs.time(request.windowEnd(), "windowEnd");
        if (!to.isAfter(from)) {
            throw new InvalidInputException("the gate window ends before it starts: " + from + " to " + to);
        }
        lease.renew(release, to);
        GateWindow.Look look = gate.look(release, step, from, to, true);
        GateVerdict verdict = look.verdict();
        Next next = next(release.plan(), step, verdict, look.input().green().requests(), Duration.between(from, to));
        String message = verdict.verdict() + " at " + step.percent() + "%: " + verdict.reason()
                + (next.why().isEmpty() ? "" : "; " + next.why());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("window", Map.of("from", from.toString(), "to", to.toString()));
        evidence.put("metrics", look.input());
        evidence.put("verdict", verdict);
        evidence.put("action", next.action().name());
        timeline.decide(release, request.windowEnd(), "gate", message, evidence);
        if (next.action() == GateAction.HOLD) {
            records.setControl(release.service(), release.releaseId(), Control.PAUSE,
                    "gate: INCONCLUSIVE at " + step.percent() + "%", request.windowEnd());
        }
        return new Result(verdict.verdict(), verdict.reason(), next.action(), next.extendSeconds(), verdict);
    }

    /**
     * What follows a verdict.
     *
     * @param action        what the workflow does
     * @param extendSeconds for EXTEND, how much longer to bake
     * @param why           for an INCONCLUSIVE verdict, why this action; empty otherwise
     */
    public record Next(GateAction action, int extendSeconds, String why) {
    }

    /**
     * What follows a verdict at a step whose window lasted {@code window} and saw {@code greenRequests}: a PASS
     * proceeds, a FAIL rolls back; an INCONCLUSIVE verdict extends the bake by as long as green needs, at its
     * current rate, to get the requests the gate asked for, if the plan's extensions allow it, and otherwise
     * applies the plan's policy.
     */
    public static Next next(ReleasePlan plan, StepRequest.Step step, GateVerdict verdict, long greenRequests,
            Duration window) {
        if (verdict.verdict() == Verdict.PASS) {
            return new Next(GateAction.PROCEED, 0, "");
        }
        if (verdict.verdict() == Verdict.FAIL) {
            return new Next(GateAction.ROLLBACK, 0, "");
        }
        long needed = verdict.neededRequests() == null ? 0 : verdict.neededRequests();
        double rate = greenRequests / (double) Math.max(1, window.toSeconds());
        int planned = step.index() < plan.bakeSeconds().size() ? plan.bakeSeconds().get(step.index()) : 0;
        long left = plan.maxExtensionSeconds() - Math.max(0, step.bakeSeconds() - planned);
        String policy = "then " + plan.inconclusivePolicy().name().toLowerCase(Locale.ROOT) + " (the plan's policy)";
        if (step.extensions() >= plan.maxInconclusiveExtensions()) {
            return policy(plan, "the bake was extended " + step.extensions() + " time(s), the most the plan allows; "
                    + policy);
        }
        if (rate <= 0) {
            return policy(plan, "green had no requests, so a longer bake would not help; " + policy);
        }
        long seconds = (long) Math.ceil(needed / rate);
        if (left <= 0 || seconds > HOPELESS * left) {
            return policy(plan, String.format(Locale.ROOT, "at %.1f green requests a second that takes about %d s,"
                    + " %s the %d s of extension the plan has left; %s", rate, seconds,
                    left <= 0 ? "and there is none of" : "far more than", Math.max(0, left), policy));
        }
        // the need is an estimate from a few requests: when it is a little beyond what is left, try what is left
        int extend = (int) Math.max(Math.min(seconds, left), plan.controlPollSeconds());
        return new Next(GateAction.EXTEND, extend, String.format(Locale.ROOT, "baking %d s more (about %.1f green"
                + " requests a second)", extend, rate));
    }

    private static Next policy(ReleasePlan plan, String why) {
        return switch (plan.inconclusivePolicy()) {
            case PROCEED -> new Next(GateAction.PROCEED, 0, why);
            case ROLLBACK -> new Next(GateAction.ROLLBACK, 0, why);
            case PAUSE -> new Next(GateAction.HOLD, 0, why + ", for at most " + plan.pauseTimeoutSeconds() + " s, then "
                    + plan.pauseTimeoutAction().name().toLowerCase(Locale.ROOT));
        };
    }
}
