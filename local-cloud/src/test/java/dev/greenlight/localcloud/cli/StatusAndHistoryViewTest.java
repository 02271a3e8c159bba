package dev.greenlight.localcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

class StatusAndHistoryViewTest {

    private static final Instant NOW = Instant.parse("2026-11-26T06:01:58Z");
    private static final ReleaseRecord V2 = Fixtures.ended("20261126T055043Z-v2", "v2", ReleaseState.RELEASED,
            "v2 released to 100%", "2026-11-26T05:50:43Z", "2026-11-26T05:52:10Z");
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
                RELEASE              TAG  OUTCOME      STARTED               DURATION   REASON
                20261126T060000Z-v3  v3   IN_PROGRESS  2026-11-26 06:00:00Z  1 m 58 s+
                20261126T055043Z-v2  v2   RELEASED     2026-11-26 05:50:43Z  1 m 27 s   v2 released to 100%
                20261126T054000Z-v1  v1   ROLLED_BACK  2026-11-26 05:40:00Z  3 m 30 s   \
                Release.GateFailed: green's 5xx rate is higher than blue's

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
