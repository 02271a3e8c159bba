package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.Map;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.gate.Gate;
import dev.greenlight.release.gate.GateInput;
import dev.greenlight.release.gate.GateVerdict;

/** Evaluate the gate over the bake window and store the verdict with its numbers. */
public class EvaluateGate {

    /**
     * @param verdict PASS, FAIL or INCONCLUSIVE
     * @param reason  one sentence
     * @param details every check with its numbers
     */
    public record Result(String verdict, String reason, GateVerdict details) {
    }

    private final ReleaseSteps steps;

    public EvaluateGate(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(StepRequest request) {
        ReleaseContext release = ReleaseSteps.release(request);
        StepRequest.Step step = ReleaseSteps.step(request);
        Instant from = ReleaseSteps.time(request.windowStart(), "windowStart");
        Instant to = ReleaseSteps.time(request.windowEnd(), "windowEnd");
        if (!to.isAfter(from)) {
            throw new dev.greenlight.release.InvalidInputException("the gate window ends before it starts: " + from
                    + " to " + to);
        }
        steps.renewLease(release, to);
        GateInput input = steps.gateInput(release, from, to);
        GateVerdict verdict = Gate.evaluate(input, release.plan().gate());
        steps.decide(release, request.windowEnd(), "gate", verdict.verdict() + " at " + step.percent() + "%: "
                + verdict.reason(), Map.of("window", Map.of("from", from.toString(), "to", to.toString()),
                        "metrics", input, "verdict", verdict));
        return new Result(verdict.verdict().name(), verdict.reason(), verdict);
    }
}
