package dev.greenlight.release.gate;

import java.util.List;

/**
 * The gate's decision and the numbers behind it, stored with the release.
 *
 * @param verdict PASS, FAIL or INCONCLUSIVE
 * @param reason  one sentence for operators: the first failing check, or why there is too little evidence
 * @param checks  every check that was made, with what was observed and the limit it was held to
 */
public record GateVerdict(Verdict verdict, String reason, List<Check> checks) {

    public enum Verdict { PASS, FAIL, INCONCLUSIVE }

    /**
     * One comparison the gate made.
     *
     * @param name     what was checked
     * @param observed the figure seen (a rate, milliseconds, a count)
     * @param limit    the figure it may not exceed
     * @param passed   whether observed stayed within limit
     * @param detail   the raw numbers, for the record
     */
    public record Check(String name, double observed, double limit, boolean passed, String detail) {
    }
}
