package dev.greenlight.release.gate;

import java.util.Locale;

import dev.greenlight.release.plan.GateThresholds;

/**
 * Whether blue itself misses the availability objective, for the pre-flight: its 5xx rate over the baseline window
 * is confidently above the error budget (the one-sample test of {@link RateExcess}, at the release's confidence).
 *
 * @param blue             blue's 5xx and requests over the baseline window
 * @param lowerBound       the lower confidence bound of blue's 5xx rate
 * @param budget           the error budget it is held to
 * @param missesObjective  whether the bound is above the budget
 * @param detail           the numbers, in words
 */
public record BlueHealth(Tally blue, double lowerBound, double budget, boolean missesObjective, String detail) {

    public static BlueHealth judge(Tally blue, GateThresholds limits) {
        double budget = limits.errorBudget();
        RateExcess test = new RateExcess(BetaMixture.centredOn(2 * budget, 1), BetaMixture.centredOn(budget, 1),
                limits.falseRollbackRate());
        boolean misses = test.exceeds(blue, budget);
        double bound = test.lowerBound(blue);
        String detail = String.format(Locale.ROOT, "blue answered %s requests with a 5xx (%.2f%%), at least %.2f%%"
                + " (%.0f%% confidence), against an error budget of %.2f%%", blue, blue.rate() * 100, bound * 100,
                limits.confidence() * 100, budget * 100);
        return new BlueHealth(blue, bound, budget, misses, detail);
    }
}
