package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.greenlight.release.Control;
import dev.greenlight.release.GateAction;
import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.gate.GateDecision;
import dev.greenlight.release.gate.GateVerdict;
import dev.greenlight.release.store.ReleaseRecords;

/**
 * Evaluate the gate over the bake window, store the verdict with its numbers, and say what the workflow does
 * next. An INCONCLUSIVE verdict extends the bake by as long as green needs, at its current traffic, to get the
 * requests the gate asked for, while the plan's extensions allow it; otherwise the plan's inconclusive policy
 * decides: PROCEED, ROLLBACK, or HOLD for an operator (the gate sets the PAUSE control, which
 * {@code ./greenlight resume} clears).
 */
public class EvaluateGate {

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
        GateWindow.Look look = gate.look(release, step, request.smokeRequests(), from, to, true);
        GateVerdict verdict = look.verdict();
        GateDecision next = GateDecision.after(release.plan(), step, verdict, look.input().green().requests(),
                Duration.between(from, to));
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
}
