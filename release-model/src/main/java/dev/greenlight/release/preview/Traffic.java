package dev.greenlight.release.preview;

import java.util.List;

import dev.greenlight.release.gate.LatencyInput.Percentile;

/**
 * The readers a preview assumes: the live service's over a recent window, or a rate an operator gives.
 *
 * @param requestsPerSecond all requests to the service, a second
 * @param errorRate         the share the live version answers with a 5xx; green is assumed to do as well
 * @param latency           the live version's response-time percentiles; empty when unknown, and latency is then
 *                          previewed as not judged
 * @param basis             where the figures come from, in words: "CloudWatch, the last 600 s", "--rate 60"
 */
public record Traffic(double requestsPerSecond, double errorRate, List<Percentile> latency, String basis) {

    public Traffic {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("a rate must be a finite number of requests a second, at least 0");
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("an error rate is a share from 0 to 1");
        }
        latency = latency == null ? List.of() : List.copyOf(latency);
    }
}
