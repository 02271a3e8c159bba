package dev.greenlight.release.preview;

import java.time.Instant;
import java.util.List;

import dev.greenlight.release.gate.GateMetrics;
import dev.greenlight.release.gate.GateMetrics.LatencyPercentiles;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.gate.TargetGroupMetrics;

/** The live service's traffic over a recent window, read from the ALB metrics the gate reads. */
public final class LiveTraffic {

    /** The window a preview reads by default: long enough to smooth a minute's bursts, short enough to be now. */
    public static final int WINDOW_SECONDS = 600;

    private LiveTraffic() {
    }

    /**
     * The requests a second to both slots over [now - windowSeconds, now), their 5xx rate, and the response times
     * of the slot that served most of them.
     */
    public static Traffic read(GateMetrics metrics, List<String> targetGroups, Instant now, int windowSeconds) {
        Instant from = now.minusSeconds(windowSeconds);
        long requests = 0;
        long errors = 0;
        String busiest = null;
        long most = -1;
        for (String group : targetGroups) {
            TargetGroupMetrics counts = metrics.targetGroup(group, from, now);
            requests += counts.requests();
            errors += Math.min(counts.target5xx(), counts.requests());
            if (counts.requests() > most) {
                most = counts.requests();
                busiest = group;
            }
        }
        LatencyPercentiles latency = requests == 0 || busiest == null
                ? new LatencyPercentiles(0, List.of())
                : metrics.percentiles(busiest, from, now, GateReadings.LADDER);
        return new Traffic(requests / (double) windowSeconds, requests == 0 ? 0 : (double) errors / requests,
                latency.percentiles(), "the ALB's metrics over the last " + windowSeconds + " s, " + requests
                        + " requests");
    }
}
