package dev.greenlight.release.gate;

import java.util.List;

/**
 * What the gate decides on at one look.
 *
 * @param green          green's target group over the step's window
 * @param blue           blue's target group over the same window; {@link TargetGroupMetrics#NONE} without blue traffic
 * @param balancer       the whole load balancer over the window
 * @param alarmsInAlarm  names of the configured alarms currently in ALARM
 * @param latency        the latency counts, or why latency is not judged at this look
 * @param smokeRequests  the smoke test's requests left out of green's and the balancer's counts: they went to green
 *                       through the test listener before the shift, in the window's first metrics period
 */
public record GateInput(TargetGroupMetrics green, TargetGroupMetrics blue, BalancerMetrics balancer,
        List<String> alarmsInAlarm, LatencyInput latency, long smokeRequests) {

    public GateInput {
        alarmsInAlarm = List.copyOf(alarmsInAlarm);
        latency = latency == null ? LatencyInput.skipped("not measured") : latency;
    }

    public GateInput(TargetGroupMetrics green, TargetGroupMetrics blue, BalancerMetrics balancer,
            List<String> alarmsInAlarm, LatencyInput latency) {
        this(green, blue, balancer, alarmsInAlarm, latency, 0);
    }
}
