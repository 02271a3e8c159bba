package dev.greenlight.release.preview;

import dev.greenlight.release.GateAction;
import dev.greenlight.release.Verdict;

/**
 * What one traffic step of a plan is expected to see and be able to catch, if green is as good as blue.
 *
 * @param percent           green's share
 * @param bakeSeconds       the planned bake
 * @param greenRequests     the green requests expected in the planned bake
 * @param greenRequestsLow  the low end of the range they fall in, 19 times out of 20 (Poisson)
 * @param greenRequestsHigh the high end of that range
 * @param planned           what the gate could catch at the end of the planned bake
 * @param verdict           the gate's verdict there
 * @param extensionSeconds  how long the gate is expected to extend the bake, in all
 * @param last              what the gate could catch at the step's last verdict, after any extensions
 * @param lastVerdict       that verdict
 * @param action            what the workflow does after it
 * @param bakeThatCould     for a step whose planned bake cannot catch the plan's effects: the bake that could, at
 *                          this traffic; null when it can, or when no bake could
 * @param warning           for a step that cannot catch the plan's effects even with the plan's extensions, what to
 *                          do about it; null otherwise
 * @param reason            the gate's last expected reason, with what follows it
 */
public record StepForecast(int percent, int bakeSeconds, double greenRequests, long greenRequestsLow,
        long greenRequestsHigh, Detection planned, Verdict verdict, int extensionSeconds, Detection last,
        Verdict lastVerdict, GateAction action, Integer bakeThatCould, String warning, String reason) {
}
