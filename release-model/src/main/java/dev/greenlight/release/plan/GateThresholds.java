package dev.greenlight.release.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What the gate holds green to, comparing it with blue over each step's bake. See
 * {@code dev.greenlight.release.gate.Gate} for how each is tested.
 *
 * @param objective              the availability objective: the share of requests that must not be answered with a
 *                               5xx (0.999 leaves an error budget of 0.1% of requests)
 * @param budgetMargin           how much of that error budget green may burn beyond blue's own rate before it is
 *                               worse: 0.25 lets green's 5xx rate exceed blue's by a quarter of the budget
 * @param errorIncreaseToDetect  the increase of green's 5xx rate over blue's the gate must be able to catch before it
 *                               passes a step (absolute: 0.005 = half a percentage point)
 * @param latencyQuantiles       the quantiles of TargetResponseTime the gate compares, e.g. 0.5, 0.9, 0.99
 * @param latencyTolerances      how much slower green may be at each of those quantiles: green's latency there may
 *                               be at most this multiple of blue's (one per quantile; the tail, noisier, gets more)
 * @param latencyRatioToDetect   the slowdown of green's whole latency distribution (median included) the gate must
 *                               be able to catch before it passes a step
 * @param confidence             the chance that a release no worse than blue is not rolled back by the gate: 1 minus
 *                               the false-rollback rate, over every look at every step of the release
 * @param power                  the chance, at the configured effects, that the gate would have caught them: below it
 *                               a step is INCONCLUSIVE rather than PASS
 * @param warmupSeconds          green's first seconds of traffic, whose latency is not judged at all: a JVM that has
 *                               just started answers its first requests very slowly without being a slower version
 * @param warmupRequests         how many requests each green task serves before its latency is held to the
 *                               tolerances: a JVM warms up with the requests it serves (its code is compiled as it
 *                               runs), and is still about twice as slow after its first few hundred
 * @param warmupTolerance        until then, how much slower green's median may be: only a gross slowdown fails then
 * @param baselineSeconds        how much of blue's recent history the pre-flight judges before a release, and the
 *                               latency comparison takes blue's quantiles from before the part of a step it judges
 * @param maxConnectionErrorRate largest share of green requests that may fail to connect to a target
 * @param maxBalancerErrorRate   largest share of all requests the balancer itself may answer with 5xx
 * @param alarmNames             CloudWatch alarms that fail the gate, and refuse a release at pre-flight, while in ALARM
 * @param preflight              whether a release checks the alarms and blue's error rate before deploying green
 */
public record GateThresholds(
        double objective,
        double budgetMargin,
        double errorIncreaseToDetect,
        List<Double> latencyQuantiles,
        List<Double> latencyTolerances,
        double latencyRatioToDetect,
        double confidence,
        double power,
        int warmupSeconds,
        int warmupRequests,
        double warmupTolerance,
        int baselineSeconds,
        double maxConnectionErrorRate,
        double maxBalancerErrorRate,
        List<String> alarmNames,
        Boolean preflight) {

    public GateThresholds {
        alarmNames = alarmNames == null ? List.of() : List.copyOf(alarmNames);
        latencyQuantiles = latencyQuantiles == null ? List.of() : List.copyOf(latencyQuantiles);
        latencyTolerances = latencyTolerances == null ? List.of() : List.copyOf(latencyTolerances);
        preflight = preflight == null || preflight;
    }

    /** The error budget: the share of requests the objective allows to fail. */
    public double errorBudget() {
        return 1 - objective;
    }

    /** How far green's 5xx rate may exceed blue's: the margin of the error budget. */
    public double allowedIncrease() {
        return budgetMargin * errorBudget();
    }

    /** The tolerance at the i-th latency quantile. */
    public double latencyTolerance(int i) {
        return latencyTolerances.get(i);
    }

    /** The chance, over the whole release, of rolling back a version that is no worse than blue. */
    public double falseRollbackRate() {
        return 1 - confidence;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!(objective >= 0.5 && objective < 1)) {
            problems.add("gate.objective must be from 0.5 up to (not including) 1, but was " + objective);
        }
        if (!(budgetMargin >= 0 && budgetMargin <= 100)) {
            problems.add("gate.budgetMargin must be from 0 to 100 error budgets, but was " + budgetMargin);
        }
        if (!(errorIncreaseToDetect > 0 && errorIncreaseToDetect < 1)) {
            problems.add("gate.errorIncreaseToDetect must be a fraction above 0 and below 1, but was "
                    + errorIncreaseToDetect);
        } else if (errorIncreaseToDetect <= allowedIncrease()) {
            problems.add("gate.errorIncreaseToDetect (" + errorIncreaseToDetect + ") must be above the increase the"
                    + " budget margin allows (" + allowedIncrease() + ")");
        }
        if (latencyQuantiles.stream().anyMatch(q -> q == null || !(q >= 0.01 && q <= 0.999))) {
            problems.add("gate.latencyQuantiles must each be from 0.01 to 0.999, but were " + latencyQuantiles);
        }
        if (latencyTolerances.size() != latencyQuantiles.size()) {
            problems.add("gate.latencyTolerances must give one tolerance per latency quantile ("
                    + latencyQuantiles.size() + "), but was " + latencyTolerances);
        } else if (latencyTolerances.stream().anyMatch(r -> r == null || !(r >= 1 && r <= 100))) {
            problems.add("gate.latencyTolerances must each be from 1 to 100, but were " + latencyTolerances);
        } else if (!latencyTolerances.isEmpty() && !(latencyRatioToDetect > latencyTolerances.stream()
                .mapToDouble(Double::doubleValue).min().orElse(1) && latencyRatioToDetect <= 100)) {
            problems.add("gate.latencyRatioToDetect must be above the smallest of gate.latencyTolerances and at"
                    + " most 100, but was " + latencyRatioToDetect);
        }
        if (!(confidence >= 0.5 && confidence < 1)) {
            problems.add("gate.confidence must be from 0.5 up to (not including) 1, but was " + confidence);
        }
        if (!(power >= 0.5 && power < 1)) {
            problems.add("gate.power must be from 0.5 up to (not including) 1, but was " + power);
        }
        if (warmupSeconds < 0 || warmupSeconds > 3_600) {
            problems.add("gate.warmupSeconds must be from 0 to 3600, but was " + warmupSeconds);
        }
        if (warmupRequests < 0 || warmupRequests > 1_000_000) {
            problems.add("gate.warmupRequests must be from 0 to 1000000, but was " + warmupRequests);
        }
        if (!(warmupTolerance >= 1 && warmupTolerance <= 1000)) {
            problems.add("gate.warmupTolerance must be from 1 to 1000, but was " + warmupTolerance);
        }
        if (baselineSeconds < 0 || baselineSeconds > 86_400) {
            problems.add("gate.baselineSeconds must be from 0 to 86400, but was " + baselineSeconds);
        }
        unit(problems, "gate.maxConnectionErrorRate", maxConnectionErrorRate);
        unit(problems, "gate.maxBalancerErrorRate", maxBalancerErrorRate);
        if (alarmNames.stream().anyMatch(name -> name == null || name.isBlank())) {
            problems.add("gate.alarmNames must not contain blank names");
        }
        return problems;
    }

    GateThresholds with(PlanOverride.GateOverride o) {
        return new GateThresholds(
                o.objective() != null ? o.objective() : objective,
                o.budgetMargin() != null ? o.budgetMargin() : budgetMargin,
                o.errorIncreaseToDetect() != null ? o.errorIncreaseToDetect() : errorIncreaseToDetect,
                o.latencyQuantiles() != null ? o.latencyQuantiles() : latencyQuantiles,
                o.latencyTolerances() != null ? o.latencyTolerances() : latencyTolerances,
                o.latencyRatioToDetect() != null ? o.latencyRatioToDetect() : latencyRatioToDetect,
                o.confidence() != null ? o.confidence() : confidence,
                o.power() != null ? o.power() : power,
                o.warmupSeconds() != null ? o.warmupSeconds() : warmupSeconds,
                o.warmupRequests() != null ? o.warmupRequests() : warmupRequests,
                o.warmupTolerance() != null ? o.warmupTolerance() : warmupTolerance,
                o.baselineSeconds() != null ? o.baselineSeconds() : baselineSeconds,
                o.maxConnectionErrorRate() != null ? o.maxConnectionErrorRate() : maxConnectionErrorRate,
                o.maxBalancerErrorRate() != null ? o.maxBalancerErrorRate() : maxBalancerErrorRate,
                o.alarmNames() != null ? o.alarmNames() : alarmNames,
                o.preflight() != null ? o.preflight() : preflight);
    }

    private static void unit(List<String> problems, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            problems.add(name + " must be a fraction from 0 to 1, but was " + value);
        }
    }
}
