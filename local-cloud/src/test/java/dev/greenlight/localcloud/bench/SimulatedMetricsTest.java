package dev.greenlight.localcloud.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.greenlight.localcloud.cloudwatch.LocalCloudWatch;
import dev.greenlight.localcloud.cloudwatch.MetricKey;
import dev.greenlight.localcloud.cloudwatch.MetricStore;
import dev.greenlight.release.aws.Metrics;
import dev.greenlight.release.gate.GateInput;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.gate.LatencyInput;
import dev.greenlight.release.gate.LatencyInput.Percentile;
import dev.greenlight.release.gate.LatencyInput.QuantileCounts;
import dev.greenlight.release.plan.GateThresholds;

/**
 * The benchmark's metrics are the local CloudWatch's: the same requests, recorded into the local CloudWatch as the
 * local ALB records them and into {@link SimulatedMetrics}, give the gate the same input at every look, through
 * the real CloudWatch adapter on one side.
 */
class SimulatedMetricsTest {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String BALANCER = "app/greenlight/0123456789abcdef";
    private static final String ARN_PREFIX = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    private static final GateThresholds LIMITS = new GateThresholds(0.999, 0.25, 0.005, List.of(0.5, 0.9, 0.99),
            List.of(1.3, 1.3, 1.5), 1.5, 0.99, 0.97, 10, 300, 6, 60, 0.01, 0.01, List.of(), true);

    @Test
    void everyLook_readsTheSameAsTheLocalCloudWatchWould() {
        MetricStore store = new MetricStore(Clock.fixed(EPOCH.plusSeconds(600), ZoneOffset.UTC), Duration.ofHours(2));
        GateReadings cloudWatch = new GateReadings(new Metrics(new LocalCloudWatch(store, "us-east-1",
                "123456789012"), BALANCER), 1);
        SimulatedMetrics simulated = new SimulatedMetrics(EPOCH, 1, 0);
        GateReadings benchmark = new GateReadings(simulated, 1);

        // 60 s of blue alone, then 5 minutes at 30% to green, which warms up and answers 0.5% with 500
        List<Request> requests = traffic(new SplittableRandom(3));
        requests.forEach(r -> record(store, r));
        replay(simulated, requests);

        Instant shift = EPOCH.plusSeconds(60);
        for (int look : new int[] {20, 90, 150, 299, 300}) {
            Instant now = shift.plusSeconds(look);
            GateInput expected = cloudWatch.read(LIMITS, ARN_PREFIX + SimulatedRelease.GREEN, 1,
                    ARN_PREFIX + SimulatedRelease.BLUE, 30, shift, shift, now, true);
            GateInput actual = benchmark.read(LIMITS, SimulatedRelease.GREEN, 1, SimulatedRelease.BLUE, 30, shift,
                    shift, now, true);

            assertThat(actual.green()).as("green at %s s", look).isEqualTo(expected.green());
            assertThat(actual.blue()).as("blue at %s s", look).isEqualTo(expected.blue());
            assertSameLatency(actual.latency(), expected.latency(), look);
        }
    }

    private static void assertSameLatency(LatencyInput actual, LatencyInput expected, int look) {
        assertThat(actual.skipped()).isEqualTo(expected.skipped());
        assertThat(actual.from()).isEqualTo(expected.from());
        assertThat(actual.warmFrom()).as("warm-up end at %s s", look).isEqualTo(expected.warmFrom());
        assertThat(actual.warmupRequestsLeft()).isEqualTo(expected.warmupRequestsLeft());
        assertThat(actual.referenceRequests()).isEqualTo(expected.referenceRequests());
        assertSamePercentiles(actual.reference(), expected.reference());
        assertSamePercentiles(actual.windowBlue(), expected.windowBlue());
        assertThat(actual.quantiles()).hasSameSizeAs(expected.quantiles()).isNotEmpty();
        for (int i = 0; i < expected.quantiles().size(); i++) {
            QuantileCounts a = actual.quantiles().get(i);
            QuantileCounts e = expected.quantiles().get(i);
            assertThat(a.greenThresholdMs()).isCloseTo(e.greenThresholdMs(), within(1e-9));
            assertThat(a.green()).as("green slower than %s ms at %s s", e.greenThresholdMs(), look).isEqualTo(e.green());
            assertThat(a.blue()).as("blue slower than %s ms at %s s", e.blueThresholdMs(), look).isEqualTo(e.blue());
        }
    }

    private static void assertSamePercentiles(List<Percentile> actual, List<Percentile> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).quantile()).isEqualTo(expected.get(i).quantile());
            assertThat(actual.get(i).ms()).isCloseTo(expected.get(i).ms(), within(1e-9 * expected.get(i).ms()));
        }
    }

    /** One answered request: when, by which group, how long it took, whether it was a 5xx. */
    private record Request(int second, int index, int ofSecond, boolean green, double seconds, boolean error) {
    }

    private static List<Request> traffic(SplittableRandom random) {
        List<Request> requests = new java.util.ArrayList<>();
        long served = 0;
        for (int second = 0; second < 360; second++) {
            int count = 40 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                boolean green = second >= 60 && random.nextDouble() < 0.3;
                double ms = 4 * Math.exp(0.5 * random.nextGaussian()) * (green ? Scenario.coldFactor(served++) : 1);
                boolean error = random.nextDouble() < (green ? 0.005 : 0.001);
                requests.add(new Request(second, i, count, green, ms / 1000, error));
            }
        }
        return requests;
    }

    /** Records one answered request as the local ALB does (AlbMetrics: the same names and dimensions). */
    private static void record(MetricStore store, Request request) {
        Instant at = EPOCH.plusSeconds(request.second()).plusMillis(request.index() * 1000L / request.ofSecond());
        Map<String, String> dimensions = Map.of("LoadBalancer", BALANCER, "TargetGroup",
                request.green() ? SimulatedRelease.GREEN : SimulatedRelease.BLUE);
        store.record(new MetricKey("AWS/ApplicationELB", "RequestCount", Map.of("LoadBalancer", BALANCER)), at, 1);
        store.record(new MetricKey("AWS/ApplicationELB", "RequestCount", dimensions), at, 1);
        store.record(new MetricKey("AWS/ApplicationELB", request.error() ? "HTTPCode_Target_5XX_Count"
                : "HTTPCode_Target_2XX_Count", dimensions), at, 1);
        store.record(new MetricKey("AWS/ApplicationELB", "TargetResponseTime", dimensions), at, request.seconds());
    }

    /** The same requests, second by second, into the simulation. */
    private static void replay(SimulatedMetrics simulated, List<Request> requests) {
        for (int second = 0; second < 360; second++) {
            for (boolean green : new boolean[] {false, true}) {
                int s = second;
                List<Request> these = requests.stream().filter(r -> r.second() == s && r.green() == green).toList();
                double[] seconds = these.stream().mapToDouble(Request::seconds).toArray();
                int errors = (int) these.stream().filter(Request::error).count();
                simulated.group(green ? SimulatedRelease.GREEN : SimulatedRelease.BLUE)
                        .second(s, seconds, seconds.length, errors);
            }
        }
    }
}
