package dev.greenlight.release.gate;

import java.util.List;

import dev.greenlight.release.Verdict;

/**
 * The gate's decision and the numbers behind it, stored with the release.
 *
 * @param verdict        PASS, FAIL or INCONCLUSIVE
 * @param reason         one sentence for operators: the first failing check, or what the gate still needs
 * @param checks         every check that was made, with what was observed and the limit it was held to
 * @param neededRequests for INCONCLUSIVE: how many more green requests would let every test judge its configured
 *                       effect; null otherwise
 */
public record GateVerdict(Verdict verdict, String reason, List<Check> checks, Long neededRequests) {

    public GateVerdict {
        checks = List.copyOf(checks);
    }

    /**
     * One comparison the gate made.
     *
     * @param name     what was checked
     * @param observed the figure seen (a rate, a count, or for a statistical test the lower confidence bound of green's
     *                 excess over blue)
     * @param limit    the figure it may not exceed
     * @param passed   whether observed stayed within limit
     * @param detail   the raw numbers, in words
     * @param evidence for a statistical test: the test, its counts and its sensitivity; null for a plain check
     */
    public record Check(String name, double observed, double limit, boolean passed, String detail,
            Evidence evidence) {

        public Check(String name, double observed, double limit, boolean passed, String detail) {
            this(name, observed, limit, passed, detail, null);
        }
    }

    /**
     * How a statistical check reached its answer.
     *
     * @param test           the test, in words
     * @param alpha          this test's share of the release's false-rollback rate
     * @param green          green's events and requests it was computed from
     * @param blue           blue's, or null when green was compared with a fixed limit
     * @param statistic      the evidence against "green is no worse" (log of the smallest mixture likelihood ratio,
     *                       in nats)
     * @param bound          the evidence needed to fail, log(1/alpha)
     * @param lowerBound     the anytime lower confidence bound of green's excess (over blue, or of its rate)
     * @param power          the chance, at these counts, of catching the configured effect; null at interim looks
     * @param detectable     the smallest effect these counts catch with the configured power; null at interim looks
     * @param detectableUnit what {@code detectable} measures: an increase of the 5xx rate, or a latency ratio
     * @param neededRequests more green requests this test needs to catch the configured effect; null at interim looks
     */
    public record Evidence(String test, double alpha, Tally green, Tally blue, double statistic, double bound,
            double lowerBound, Double power, Double detectable, String detectableUnit, Long neededRequests) {
    }
}
