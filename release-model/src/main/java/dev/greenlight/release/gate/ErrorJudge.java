package dev.greenlight.release.gate;

import java.util.Locale;

import dev.greenlight.release.gate.GateVerdict.Check;
import dev.greenlight.release.gate.GateVerdict.Evidence;
import dev.greenlight.release.plan.GateThresholds;

/**
 * The 5xx check: green's target 5xx rate against blue's over the same window, with the margin the availability
 * objective allows; at 100% (no blue left to compare with) against the objective itself.
 */
final class ErrorJudge {

    static final String TWO_SAMPLE = "anytime-valid confidence sequence for green's minus blue's 5xx rate"
            + " (product of two beta-binomial mixture martingales)";
    static final String ONE_SAMPLE = "anytime-valid confidence sequence for green's 5xx rate"
            + " (beta-binomial mixture martingale) against the objective";

    private final GateThresholds limits;
    private final double alpha;
    private final int percent;

    ErrorJudge(GateThresholds limits, double alpha, int percent) {
        this.limits = limits;
        this.alpha = alpha;
        this.percent = percent;
    }

    Judgement judge(TargetGroupMetrics green, TargetGroupMetrics blue, boolean endOfBake) {
        return percent < 100 ? againstBlue(green.errors(), blue.errors(), endOfBake)
                : againstObjective(green.errors(), endOfBake);
    }

    private Judgement againstBlue(Tally green, Tally blue, boolean endOfBake) {
        double budget = limits.errorBudget();
        double margin = limits.allowedIncrease();
        double effect = limits.errorIncreaseToDetect();
        RateExcess test = new RateExcess(BetaMixture.centredOn(budget + effect, 1), BetaMixture.centredOn(budget, 1),
                alpha);
        boolean failed = test.exceeds(green, blue, margin);
        if (!endOfBake && !failed) {
            return Judgement.quiet("green 5xx rate above blue's");
        }
        double bound = green.requests() == 0 ? -1 : test.lowerBound(green, blue);
        String counts = String.format(Locale.ROOT, "green %s (%s), blue %s (%s)", green, pct(green.rate()), blue,
                pct(blue.rate()));
        Double power = null;
        Double detectable = null;
        Long needed = null;
        if (endOfBake) {
            double blueRate = blue.requests() > 0 ? blue.rate() : budget;
            double share = blue.requests() > 0 && green.requests() > 0 ? (double) blue.requests() / green.requests()
                    : (100.0 - percent) / percent;
            power = test.power(green.requests(), blueRate + effect, blue.requests(), blueRate, margin);
            detectable = Sensitivity.smallestEffect(d -> test.power(green.requests(), Math.min(1, blueRate + d),
                    blue.requests(), blueRate, margin), limits.power(), margin, 1 - blueRate);
            needed = Sensitivity.moreRequests(n -> test.power(n, blueRate + effect, Math.round(n * share), blueRate,
                    margin), limits.power(), green.requests());
        }
        String sensitivity = sensitivity(detectable, needed);
        Evidence evidence = new Evidence(TWO_SAMPLE, alpha, green, blue, test.evidence(green, blue, margin),
                test.threshold(), bound, power, detectable, "5xx rate increase", needed);
        Check check = new Check("green 5xx rate above blue's (lower bound, " + confidence() + " over all looks)",
                bound, margin, !failed, counts + sensitivity, evidence);
        String failure = failed ? String.format(Locale.ROOT,
                "green's 5xx rate is above blue's by more than the objective allows: %s; at least %s more"
                        + " (%s over all looks), allowed %s", counts, points(bound), confidence(), points(margin))
                : null;
        return new Judgement(check, failure, needed);
    }

    private Judgement againstObjective(Tally green, boolean endOfBake) {
        double budget = limits.errorBudget();
        double limit = budget + limits.allowedIncrease();
        double effect = limits.errorIncreaseToDetect();
        RateExcess test = new RateExcess(BetaMixture.centredOn(budget + effect, 1), BetaMixture.centredOn(budget, 1),
                alpha);
        boolean failed = test.exceeds(green, limit);
        if (!endOfBake && !failed) {
            return Judgement.quiet("green 5xx rate");
        }
        double bound = test.lowerBound(green);
        String counts = String.format(Locale.ROOT, "green %s (%s) with all the traffic", green, pct(green.rate()));
        Double power = null;
        Double detectable = null;
        Long needed = null;
        if (endOfBake) {
            // with no blue left, blue is taken to use exactly the error budget
            power = test.power(green.requests(), budget + effect, limit);
            detectable = Sensitivity.smallestEffect(d -> test.power(green.requests(), Math.min(1, budget + d), limit),
                    limits.power(), limits.allowedIncrease(), 1 - budget);
            needed = Sensitivity.moreRequests(n -> test.power(n, budget + effect, limit), limits.power(),
                    green.requests());
        }
        Evidence evidence = new Evidence(ONE_SAMPLE, alpha, green, null, test.evidence(green, limit),
                test.threshold(), bound, power, detectable, "5xx rate increase over the error budget", needed);
        Check check = new Check("green 5xx rate (lower bound, " + confidence() + " over all looks)", bound, limit,
                !failed, counts + sensitivity(detectable, needed), evidence);
        String failure = failed ? String.format(Locale.ROOT,
                "green's 5xx rate misses the %s objective: %s; at least %s (%s over all looks), allowed %s",
                pct(limits.objective()), counts, pct(bound), confidence(), pct(limit))
                : null;
        return new Judgement(check, failure, needed);
    }

    private String confidence() {
        return Gate.confidence(alpha);
    }

    private static String sensitivity(Double detectable, Long needed) {
        return Judgement.sensitivity(detectable, needed, "any increase", d -> points(d) + " or more");
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    static String points(double fraction) {
        return String.format(Locale.ROOT, "%+.2f points", fraction * 100);
    }
}
