package dev.greenlight.release.gate;

import java.time.Duration;
import java.util.Locale;

import dev.greenlight.release.GateAction;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.plan.ReleasePlan;

/**
 * What the workflow does after an end-of-bake verdict. The release functions act on it, and the plan preview and
 * the gate accuracy benchmark predict with it, so all three follow one rule.
 *
 * @param action        PROCEED to the next step, ROLLBACK, EXTEND the bake, or HOLD for an operator
 * @param extendSeconds for EXTEND, how much longer to bake; 0 otherwise
 * @param why           for an INCONCLUSIVE verdict, why this action; empty otherwise
 */
public record GateDecision(GateAction action, int extendSeconds, String why) {

    /** Beyond this many times the extension left, a longer bake is not tried: the traffic cannot get there. */
    public static final int HOPELESS = 4;

    /**
     * What follows a verdict at a step whose window lasted {@code window} and saw {@code greenRequests}: a PASS
     * proceeds, a FAIL rolls back; an INCONCLUSIVE verdict extends the bake by as long as green needs, at its
     * current rate, to get the requests the gate asked for, if the plan's extensions allow it, and otherwise
     * applies the plan's policy.
     */
    public static GateDecision after(ReleasePlan plan, StepRequest.Step step, GateVerdict verdict, long greenRequests,
            Duration window) {
        if (verdict.verdict() == Verdict.PASS) {
            return new GateDecision(GateAction.PROCEED, 0, "");
        }
        if (verdict.verdict() == Verdict.FAIL) {
            return new GateDecision(GateAction.ROLLBACK, 0, "");
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
        return new GateDecision(GateAction.EXTEND, extend, String.format(Locale.ROOT, "baking %d s more (about %.1f"
                + " green requests a second)", extend, rate));
    }

    private static GateDecision policy(ReleasePlan plan, String why) {
        return switch (plan.inconclusivePolicy()) {
            case PROCEED -> new GateDecision(GateAction.PROCEED, 0, why);
            case ROLLBACK -> new GateDecision(GateAction.ROLLBACK, 0, why);
            case PAUSE -> new GateDecision(GateAction.HOLD, 0, why + ", for at most " + plan.pauseTimeoutSeconds()
                    + " s, then " + plan.pauseTimeoutAction().name().toLowerCase(Locale.ROOT));
        };
    }
}
