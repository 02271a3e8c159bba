package dev.greenlight.release.preview;

/**
 * What the gate could catch at one of a step's verdicts, if green is as good as blue.
 *
 * @param afterSeconds    how long the step has baked by then
 * @param greenRequests   green's requests the gate judges by then
 * @param errorIncrease   the smallest rise of green's 5xx rate caught with the plan's power (a share: 0.005 is half a
 *                        point); NaN when no rise could be caught yet
 * @param latencyRatio    the smallest slowdown of {@code latencyQuantile} caught with the plan's power; NaN when no
 *                        slowdown could be caught yet, null when latency is not judged (why: {@code latencyNote})
 * @param latencyQuantile the quantile the ratio is for, e.g. 0.5; null when latency is not judged
 * @param latencyNote     why latency is not judged or cannot be caught yet; null when it can
 */
public record Detection(int afterSeconds, long greenRequests, double errorIncrease, Double latencyRatio,
        Double latencyQuantile, String latencyNote) {
}
