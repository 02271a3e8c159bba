package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.List;

import dev.greenlight.release.ReleaseProperties;
import dev.greenlight.release.gate.GateMetrics;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.preview.LiveTraffic;
import dev.greenlight.release.preview.PlanPreview;
import dev.greenlight.release.preview.Preview;
import dev.greenlight.release.preview.Setup;
import dev.greenlight.release.preview.Traffic;
import dev.greenlight.release.store.Forecast;

/**
 * A release's forecast when it is admitted: its plan previewed at the live traffic of the last
 * {@link LiveTraffic#WINDOW_SECONDS}, as {@code greenlight plan} would show it then, so history can put what a
 * release took next to what it was expected to take.
 */
public class Forecaster {

    private final GateMetrics metrics;
    private final ReleaseProperties properties;

    public Forecaster(GateMetrics metrics, ReleaseProperties properties) {
        this.metrics = metrics;
        this.properties = properties;
    }

    Forecast forecast(ReleasePlan plan, boolean firstRelease, Instant now) {
        List<String> slots = properties.slots().values().stream().map(ReleaseProperties.Slot::targetGroupArn).toList();
        Traffic traffic = LiveTraffic.read(metrics, slots, now, LiveTraffic.WINDOW_SECONDS);
        Preview preview = PlanPreview.of(plan, traffic, setup(properties, firstRelease));
        return new Forecast(preview.durationSeconds(), preview.transitions(), traffic.requestsPerSecond(),
                preview.outcome());
    }

    /** Where releases run, as the preview needs it: metrics are a period late on AWS, never locally. */
    public static Setup setup(ReleaseProperties properties, boolean firstRelease) {
        int resolution = properties.metricsResolutionSeconds();
        ReleaseProperties.Typical typical = properties.typical();
        return new Setup(properties.task().desiredCount(), resolution, resolution >= 60 ? resolution : 0,
                typical.greenReadySeconds(), typical.smokeSeconds(), typical.callSeconds(), firstRelease);
    }
}
