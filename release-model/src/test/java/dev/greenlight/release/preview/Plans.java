package dev.greenlight.release.preview;

import java.util.ArrayList;
import java.util.List;

import dev.greenlight.release.gate.LatencyInput.Percentile;
import dev.greenlight.release.plan.GateThresholds;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.plan.ReleasePlan.InconclusivePolicy;
import dev.greenlight.release.plan.ReleasePlan.PauseTimeoutAction;

/** The plans and the traffic the gate accuracy benchmark measures with, for the preview's tests. */
final class Plans {

    private Plans() {
    }

    /** The local plan (local-release.properties). */
    static ReleasePlan local() {
        return new ReleasePlan(List.of(10, 50, 100), List.of(20, 20, 20), 120, 2, 2, 10, gate(10, 60),
                InconclusivePolicy.PROCEED, 3, 1200, 300, PauseTimeoutAction.PROCEED);
    }

    /** The functions' default plan, as on AWS (application.properties). */
    static ReleasePlan aws() {
        return new ReleasePlan(List.of(10, 50, 100), List.of(300, 300, 300), 600, 15, 15, 300, gate(60, 600),
                InconclusivePolicy.PAUSE, 3, 3600, 3600, PauseTimeoutAction.ROLLBACK);
    }

    private static GateThresholds gate(int warmupSeconds, int baselineSeconds) {
        return new GateThresholds(0.999, 0.25, 0.005, List.of(0.5, 0.9, 0.99), List.of(1.3, 1.3, 1.5), 1.5, 0.99,
                0.97, warmupSeconds, 5000, 10, baselineSeconds, 0.01, 0.01, List.of(), true);
    }

    /** The local setup: one task, metrics per second, green ready in 6 s, 20 ms a call. */
    static Setup localSetup() {
        return new Setup(1, 1, 0, 6, 1, 0.02, false);
    }

    /**
     * The benchmark's blue: a median of 3.94 ms, a mixture of two log-normals of that median (88.5% with σ 0.455,
     * 11.5% with σ 1.31), and 0.1% 5xx, described by its percentiles at the gate's ladder.
     */
    static Traffic blog(double requestsPerSecond) {
        List<Percentile> percentiles = new ArrayList<>();
        for (double level : List.of(0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999)) {
            percentiles.add(new Percentile(level, mixtureQuantile(level)));
        }
        return new Traffic(requestsPerSecond, 0.001, percentiles, "the gate accuracy benchmark's blue");
    }

    private static double mixtureQuantile(double level) {
        double low = Math.log(0.01);
        double high = Math.log(100_000);
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            if (mixtureCdf(mid) < level) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return Math.exp((low + high) / 2);
    }

    private static double mixtureCdf(double logMs) {
        double z = logMs - Math.log(3.94);
        return 0.885 * normalCdf(z / 0.455) + 0.115 * normalCdf(z / 1.31);
    }

    private static double normalCdf(double z) {
        // Abramowitz and Stegun 7.1.26: within 1.5e-7, plenty for percentiles
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
