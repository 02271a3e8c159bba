package dev.greenlight.release.store;

/**
 * What a release was expected to take when it was admitted: its plan previewed at the traffic of the moment, with
 * green as good as blue (see {@code dev.greenlight.release.preview.PlanPreview}).
 *
 * @param durationSeconds   from the push's event to the end of the release
 * @param transitions       Step Functions state transitions
 * @param requestsPerSecond the traffic it was foreseen at
 * @param outcome           RELEASED, or ROLLED_BACK when the plan's policy rolls back a gate that cannot tell
 */
public record Forecast(double durationSeconds, int transitions, double requestsPerSecond, String outcome) {
}
