package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.Forecast;
import dev.greenlight.release.store.ReleaseRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

class StatusAndHistoryViewTest {

    private static final Instant NOW = Instant.parse("2026-11-26T06:01:58Z");
    private static final ReleaseRecord V2 = Fixtures.ended("20261126T055043Z-v2", "v2", ReleaseState.RELEASED,
            "v2 released to 100%", "2026-11-26T05:50:43Z", "2026-11-26T05:52:10Z",
            new Forecast(80.4, 141, 60.2, "RELEASED"));
    private static final ReleaseRecord V1 = Fixtures.ended("20261126T054000Z-v1", "v1", ReleaseState.ROLLED_BACK,
            "Release.GateFailed: green's 5xx rate is higher than blue's", "2026-11-26T05:40:00Z", "2026-11-26T05:43:30Z");

    @Test
    void status_showsLiveReleasingLockAndExecutions() {
        StatusView.Status status = new StatusView.Status("blog", "the local cloud", "http://127.0.0.1:8080/",
                List.of(Fixtures.inProgress(), V2, V1),
                Optional.of(new ReleaseLock.Holder("20261126T060000Z-v3", Fixtures.EXECUTION,
                        Instant.parse("2026-11-26T06:03:00Z"))),
                List.of(ExecutionListItem.builder().name("e1").executionArn(Fixtures.EXECUTION)
                        .startDate(Instant.parse("2026-11-26T06:00:00Z")).build()));

        assertThat(StatusView.render(status, NOW)).isEqualTo("""
                blog on the local cloud  http://127.0.0.1:8080/
                live      v2  digest 3f2a9c1b7d4e  slot A  since 2026-11-26 05:52:10Z  (release 20261126T055043Z-v2)
                releasing 20261126T060000Z-v3  v3  IN_PROGRESS  50% to green (slot B)  weights A 50 / B 50  controls PAUSE
                lock      held by 20261126T060000Z-v3 (lease 1 m 02 s left)
                executions running: 1
                  e1  started 2026-11-26 06:00:00Z
                """);
    }

    @Test
    void status_withNothingReleased_saysSo() {
        StatusView.Status status = new StatusView.Status("blog", "AWS", null, List.of(), Optional.empty(), List.of());

        assertThat(StatusView.render(status, NOW)).isEqualTo("""
                blog on AWS
                live      nothing released yet
                releasing nothing
                lock      free
                executions running: 0
                """);
    }

    @Test
    void history_isATableNewestFirst_thenTheFailedExecutionsWithTheirCause() {
        HistoryView.FailedExecution malformed = new HistoryView.FailedExecution("bad-push", "FAILED",
                Instant.parse("2026-11-26T05:30:00Z"), "EcrPush$InvalidEventException",
                "Not a successful image push to release: detail.image-tag must be an image tag");

        assertThat(HistoryView.render(List.of(Fixtures.inProgress(), V2, V1), List.of(malformed), NOW)).isEqualTo("""
                RELEASE              TAG  OUTCOME      STARTED               DURATION   FORECAST          REASON
                20261126T060000Z-v3  v3   IN_PROGRESS  2026-11-26 06:00:00Z  1 m 58 s+  -
                20261126T055043Z-v2  v2   RELEASED     2026-11-26 05:50:43Z  1 m 27 s   1 m 20 s at 60/s  v2 released to 100%
                20261126T054000Z-v1  v1   ROLLED_BACK  2026-11-26 05:40:00Z  3 m 30 s   -                 \
                Release.GateFailed: green's 5xx rate is higher than blue's

                last gate verdicts:
                  20261126T060000Z-v3  FAIL at 10%: green is slower than blue
                    ok    green 5xx rate above blue's (lower bound, 99.75% over all looks): -0.0126 (limit 0.00025)  \
                green 0/412 (0.00%), blue 3/3600 (0.08%); catches +1.62 points or more
                          anytime-valid confidence sequence for green's minus blue's 5xx rate, alpha 0.0025: evidence \
                -3.90 nats, fails at 5.99; power 21% at the configured effect
                    FAIL  green p50 latency within 1.30x of blue's: 0.31 (limit 0)  green 390/412 (94.7%) slower than \
                5.20 ms, blue 1800/3600 (50.0%) slower than 4.00 ms
                          anytime-valid confidence sequence for green's minus blue's share of slow requests, alpha \
                0.000625: evidence 120.40 nats, fails at 7.38

                executions that failed before a release was recorded:
                  2026-11-26 05:30:00Z  FAILED  bad-push
                    EcrPush$InvalidEventException: Not a successful image push to release: \
                detail.image-tag must be an image tag
                """);
    }

    @Test
    void history_withoutReleases_saysSo() {
        assertThat(HistoryView.render(List.of(), List.of(), NOW)).isEqualTo("no releases yet\n");
    }
}
