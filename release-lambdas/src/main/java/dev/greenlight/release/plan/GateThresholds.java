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
 * @param latencyTolerance       how much slower green may be: at each judged quantile, green's latency may be at most
 *                               this multiple of blue's
 * @param latencyRatioToDetect   the slowdown of green's whole latency distribution (median included) the gate must
 *                               be able to catch before it passes a step
 * @param latencyQuantiles       the quantiles of TargetResponseTime the gate compares, e.g. 0.5, 0.9, 0.99
 * @param confidence             the chance that a release no worse than blue is not rolled back by the gate: 1 minus
 *                               the false-rollback rate, over every look at every step of the release
 * @param power                  the chance, at the configured effects, that the gate would have caught them: below it
 *                               a step is INCONCLUSIVE rather than PASS
 * @param warmupSeconds          green's first seconds of traffic whose latency is not judged: a JVM that has just
 *                               started answers its first requests slowly without being a slower version
 * @param baselineSeconds        how much of blue's history before the release the pre-flight judges, and before the
 *                               first shift the latency comparison takes blue's quantiles from
 * @param maxConnectionErrorRate largest share of green requests that may fail to connect to a target
 * @param maxBalancerErrorRate   largest share of all requests the balancer itself may answer with 5xx
 * @param alarmNames             CloudWatch alarms that fail the gate, and refuse a release at pre-flight, while in ALARM
 * @param preflight              whether a release checks the alarms and blue's error rate before deploying green
 */
public record GateThresholds(
        double objective,
        double budgetMargin,
        double errorIncreaseToDetect,
        double latencyTolerance,
        double latencyRatioToDetect,
        List<Double> latencyQuantiles,
        double confidence,
        double power,
        int warmupSeconds,
        int baselineSeconds,
        double maxConnectionErrorRate,
        double maxBalancerErrorRate,
        List<String> alarmNames,
        Boolean preflight) {

    public GateThresholds {
        alarmNames = alarmNames == null ? List.of() : List.copyOf(alarmNames);
        latencyQuantiles = latencyQuantiles == null ? List.of() : List.copyOf(latencyQuantiles);
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
        if (!(latencyTolerance >= 1 && latencyTolerance <= 100)) {
            problems.add("gate.latencyTolerance must be from 1 to 100, but was " + latencyTolerance);
        }
        if (!(latencyRatioToDetect > latencyTolerance && latencyRatioToDetect <= 100)) {
            problems.add("gate.latencyRatioToDetect must be above gate.latencyTolerance (" + latencyTolerance
                    + ") and at most 100, but was " + latencyRatioToDetect);
        }
        if (latencyQuantiles.stream().anyMatch(q -> q == null || !(q >= 0.01 && q <= 0.999))) {
            problems.add("gate.latencyQuantiles must each be from 0.01 to 0.999, but were " + latencyQuantiles);
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
                o.latencyTolerance() != null ? o.latencyTolerance() : latencyTolerance,
                o.latencyRatioToDetect() != null ? o.latencyRatioToDetect() : latencyRatioToDetect,
                o.latencyQuantiles() != null ? o.latencyQuantiles() : latencyQuantiles,
                o.confidence() != null ? o.confidence() : confidence,
                o.power() != null ? o.power() : power,
                o.warmupSeconds() != null ? o.warmupSeconds() : warmupSeconds,
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
