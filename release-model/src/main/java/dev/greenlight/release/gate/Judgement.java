package dev.greenlight.release.gate;

import dev.greenlight.release.gate.GateVerdict.Check;

/**
 * What one statistical check concluded at a look.
 *
 * @param check          the check as it is stored and shown
 * @param failure        when it failed: the sentence that becomes the gate's reason; null otherwise
 * @param neededRequests more green requests it needs to judge its configured effect (0 when it has enough), or
 *                       null when it takes no part in that question (interim looks, or nothing to judge)
 */
record Judgement(Check check, String failure, Long neededRequests) {

    /** An interim look that found nothing: nothing is stored of it, so nothing more is computed. */
    static Judgement quiet(String name) {
        return new Judgement(new Check(name, Double.NaN, Double.NaN, true, "no regression found at this interim look"),
                null, null);
    }

    /**
     * What a check's counts can catch, for its detail: "; catches +0.42 points or more, needs 3000 more green
     * requests for the configured effect"; empty at interim looks (no {@code detectable}).
     */
    static String sensitivity(Double detectable, Long needed, String nothing,
            java.util.function.DoubleFunction<String> effect) {
        if (detectable == null) {
            return "";
        }
        String catches = Double.isNaN(detectable) ? "; cannot yet catch " + nothing
                : "; catches " + effect.apply(detectable);
        return needed != null && needed > 0 ? catches + ", needs " + needed + " more green requests for the"
                + " configured effect" : catches;
    }

    boolean failed() {
        return failure != null;
    }
}
