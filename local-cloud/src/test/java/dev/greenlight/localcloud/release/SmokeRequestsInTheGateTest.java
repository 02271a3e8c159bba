package dev.greenlight.localcloud.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.greenlight.localcloud.cloudwatch.LocalCloudWatch;
import dev.greenlight.localcloud.cloudwatch.MetricKey;
import dev.greenlight.localcloud.cloudwatch.MetricStore;
import dev.greenlight.release.aws.Metrics;
import dev.greenlight.release.gate.GateInput;
import dev.greenlight.release.gate.GateReadings;
import dev.greenlight.release.plan.GateThresholds;

/**
 * The smoke test's requests reach green through the test listener just before the first shift. CloudWatch counts a
 * window from the start of its first period, so green's and the balancer's RequestCount hold those answered in the
 * shift's own second; the gate takes them off its counts, and off the requests green's warm-up waits for. Read
 * through the real CloudWatch adapter over the local CloudWatch.
 */
class SmokeRequestsInTheGateTest {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String BALANCER = "app/greenlight/0123456789abcdef";
    private static final String PREFIX = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    private static final String GREEN = "targetgroup/blog-b/2";
    private static final String BLUE = "targetgroup/blog-a/1";
    /** Latency judged from the shift (no warm-up seconds), on its median only until green has served 50 requests. */
    private static final GateThresholds LIMITS = new GateThresholds(0.999, 0.25, 0.005, List.of(0.5),
            List.of(1.3), 1.5, 0.99, 0.97, 0, 50, 10, 30, 0.01, 0.01, List.of(), true);

    private final MetricStore store = new MetricStore(Clock.fixed(EPOCH.plusSeconds(600), ZoneOffset.UTC),
            Duration.ofHours(2));
    private final GateReadings readings = new GateReadings(new Metrics(new LocalCloudWatch(store, "us-east-1",
            "123456789012"), BALANCER), 1);

    @Test
    void smokeRequestsInTheShiftsSecond_areLeftOutOfGreensCounts_andOfItsWarmUp() {
        // blue serves 20 a second throughout; the smoke test's 100 requests end 300 ms into second 60, when the
        // first shift sends green 10 readers a second
        for (int second = 0; second < 80; second++) {
            requests(BLUE, second, 0, 20);
        }
        requests(GREEN, 59, 0, 30);
        requests(GREEN, 60, 0, 70);
        requests(GREEN, 60, 400, 3);
        for (int second = 61; second < 71; second++) {
            requests(GREEN, second, 0, 10);
        }
        NavigableMap<Instant, Long> smoke = new TreeMap<>(Map.of(at(59), 30L, at(60), 70L));
        Instant shift = at(60).plusMillis(300);

        GateInput counted = readings.read(LIMITS, PREFIX + GREEN, 1, PREFIX + BLUE, 10, shift, shift, at(71), true);
        GateInput judged = readings.read(LIMITS, PREFIX + GREEN, 1, PREFIX + BLUE, 10, shift, shift, at(71), true,
                smoke);

        // CloudWatch's count holds the 70 smoke requests of second 60, not the 30 of second 59
        assertThat(counted.green().requests()).isEqualTo(173);
        assertThat(judged.smokeRequests()).isEqualTo(70);
        assertThat(judged.green().requests()).isEqualTo(103);
        assertThat(judged.balancer().requests()).isEqualTo(counted.balancer().requests() - 70);
        assertThat(judged.blue()).isEqualTo(counted.blue());
        // green's 50 warm-up requests: the smoke requests alone would have them by the end of second 60; the
        // readers' 3 + 10 a second reach them by the end of second 65
        assertThat(counted.latency().warmFrom()).isEqualTo(at(61).toString());
        assertThat(judged.latency().warmFrom()).isEqualTo(at(66).toString());
    }

    @Test
    void aWindowAfterTheShiftsSecond_countsNoSmokeRequest() {
        for (int second = 0; second < 80; second++) {
            requests(BLUE, second, 0, 20);
        }
        requests(GREEN, 60, 0, 70);
        for (int second = 61; second < 71; second++) {
            requests(GREEN, second, 0, 10);
        }

        GateInput later = readings.read(LIMITS, PREFIX + GREEN, 1, PREFIX + BLUE, 50, at(60).plusMillis(300),
                at(65).plusMillis(300), at(71), true, new TreeMap<>(Map.of(at(60), 70L)));

        assertThat(later.smokeRequests()).isZero();
        assertThat(later.green().requests()).isEqualTo(60);
    }

    private static Instant at(long second) {
        return EPOCH.plusSeconds(second);
    }

    /** {@code count} requests answered 200 in 5 ms by a target group, from {@code millis} into {@code second}. */
    private void requests(String group, long second, int millis, int count) {
        Map<String, String> dimensions = Map.of("LoadBalancer", BALANCER, "TargetGroup", group);
        Instant at = at(second).plusMillis(millis);
        for (int i = 0; i < count; i++) {
            store.record(new MetricKey("AWS/ApplicationELB", "RequestCount", Map.of("LoadBalancer", BALANCER)), at, 1);
            store.record(new MetricKey("AWS/ApplicationELB", "RequestCount", dimensions), at, 1);
            store.record(new MetricKey("AWS/ApplicationELB", "HTTPCode_Target_2XX_Count", dimensions), at, 1);
            store.record(new MetricKey("AWS/ApplicationELB", "TargetResponseTime", dimensions), at, 0.005);
        }
    }
}
