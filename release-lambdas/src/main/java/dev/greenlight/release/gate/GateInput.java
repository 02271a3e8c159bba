package dev.greenlight.release.gate;

import java.util.List;

/**
 * What the gate decides on.
 *
 * @param green          green's target group over the window
 * @param blue           blue's target group over the same window; {@link TargetGroupMetrics#NONE} without blue traffic
 * @param balancer       the whole load balancer over the window
 * @param alarmsInAlarm  names of the configured alarms currently in ALARM
 */
public record GateInput(TargetGroupMetrics green, TargetGroupMetrics blue, BalancerMetrics balancer,
        List<String> alarmsInAlarm) {

    public GateInput {
        alarmsInAlarm = List.copyOf(alarmsInAlarm);
    }
}
