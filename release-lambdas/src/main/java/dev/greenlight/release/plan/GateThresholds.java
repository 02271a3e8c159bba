package dev.greenlight.release.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The limits the gate holds green to, comparing it with blue over the bake window. See
 * {@code dev.greenlight.release.gate.Gate} for how each is tested.
 *
 * @param minRequests            fewer green requests than this in the window gives INCONCLUSIVE
 * @param maxErrorRateIncrease   how far green's 5xx rate may exceed blue's (absolute, 0.01 = one percentage point)
 * @param confidence             how sure the gate must be that the excess is real before it fails (one-sided)
 * @param maxLatencyRatio        green p99 latency may be at most this multiple of blue's...
 * @param minLatencyIncreaseMs   ...unless it exceeds blue's by less than this many milliseconds
 * @param maxConnectionErrorRate largest share of green requests that may fail to connect to a target
 * @param maxBalancerErrorRate   largest share of all requests the balancer itself may answer with 5xx
 * @param alarmNames             CloudWatch alarms that fail the gate while in ALARM
 */
public record GateThresholds(
        int minRequests,
        double maxErrorRateIncrease,
        double confidence,
        double maxLatencyRatio,
        double minLatencyIncreaseMs,
        double maxConnectionErrorRate,
        double maxBalancerErrorRate,
        List<String> alarmNames) {

    public GateThresholds {
        alarmNames = alarmNames == null ? List.of() : List.copyOf(alarmNames);
    }

    /** These thresholds with another confidence. */
    public GateThresholds withConfidence(double newConfidence) {
        return new GateThresholds(minRequests, maxErrorRateIncrease, newConfidence, maxLatencyRatio,
                minLatencyIncreaseMs, maxConnectionErrorRate, maxBalancerErrorRate, alarmNames);
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (minRequests < 1) {
            problems.add("gate.minRequests must be at least 1, but was " + minRequests);
        }
        unit(problems, "gate.maxErrorRateIncrease", maxErrorRateIncrease);
        if (!(confidence >= 0.5 && confidence < 1)) {
            problems.add("gate.confidence must be from 0.5 up to (not including) 1, but was " + confidence);
        }
        if (!(maxLatencyRatio >= 1)) {
            problems.add("gate.maxLatencyRatio must be at least 1, but was " + maxLatencyRatio);
        }
        if (!(minLatencyIncreaseMs >= 0)) {
            problems.add("gate.minLatencyIncreaseMs must not be negative, but was " + minLatencyIncreaseMs);
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
                o.minRequests() != null ? o.minRequests() : minRequests,
                o.maxErrorRateIncrease() != null ? o.maxErrorRateIncrease() : maxErrorRateIncrease,
                o.confidence() != null ? o.confidence() : confidence,
                o.maxLatencyRatio() != null ? o.maxLatencyRatio() : maxLatencyRatio,
                o.minLatencyIncreaseMs() != null ? o.minLatencyIncreaseMs() : minLatencyIncreaseMs,
                o.maxConnectionErrorRate() != null ? o.maxConnectionErrorRate() : maxConnectionErrorRate,
                o.maxBalancerErrorRate() != null ? o.maxBalancerErrorRate() : maxBalancerErrorRate,
                o.alarmNames() != null ? o.alarmNames() : alarmNames);
    }

    private static void unit(List<String> problems, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            problems.add(name + " must be a fraction from 0 to 1, but was " + value);
        }
    }
}
