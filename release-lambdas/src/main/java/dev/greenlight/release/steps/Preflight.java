package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.greenlight.release.ReleaseContext.SlotRef;
import dev.greenlight.release.gate.BlueHealth;
import dev.greenlight.release.gate.GateMetrics;
import dev.greenlight.release.gate.TargetGroupMetrics;
import dev.greenlight.release.plan.GateThresholds;

/**
 * Before green is deployed: a release does not start while a configured alarm is in ALARM, or while blue itself
 * misses the availability objective over the baseline window, since the gate could then not tell green's
 * problems from blue's. The window starts no earlier than blue's own release into its slot: the slots' target
 * groups are reused, so before that the slot served someone else (a green rolled back minutes ago, say). A plan may switch it off ({@code gate.preflight: false}), for a fix pushed during an
 * incident.
 */
public class Preflight {

    /**
     * @param refused  why the release may not start; null when it may
     * @param evidence what was looked at
     */
    record Result(String refused, Map<String, Object> evidence) {
    }

    private final GateMetrics metrics;

    public Preflight(GateMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param blueSince when blue's release started, the first moment its slot could serve blue; null if unknown */
    Result check(GateThresholds limits, SlotRef blue, Instant blueSince, Instant now) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<String> alarms = metrics.alarmsInAlarm(limits.alarmNames());
        evidence.put("alarmsInAlarm", alarms);
        if (!alarms.isEmpty()) {
            return new Result("pre-flight: alarm in ALARM before the release: " + String.join(", ", alarms), evidence);
        }
        if (blue == null || limits.baselineSeconds() == 0) {
            return new Result(null, evidence);
        }
        Instant from = now.minusSeconds(limits.baselineSeconds());
        if (blueSince != null && blueSince.isAfter(from)) {
            from = blueSince.isBefore(now) ? blueSince : now;
        }
        TargetGroupMetrics metricsOfBlue = metrics.targetGroup(blue.targetGroupArn(), from, now);
        BlueHealth health = BlueHealth.judge(metricsOfBlue.errors(), limits);
        evidence.put("window", Map.of("from", from.toString(), "to", now.toString()));
        evidence.put("blue", metricsOfBlue);
        evidence.put("check", health);
        if (health.missesObjective()) {
            return new Result(String.format(Locale.ROOT, "pre-flight: blue misses the %.2f%% objective before the"
                    + " release: %s", limits.objective() * 100, health.detail()), evidence);
        }
        return new Result(null, evidence);
    }
}
