package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecord;
import org.junit.jupiter.api.Test;

class ConsoleViewsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T06:03:00Z");

    @Test
    void traffic_isGreensShareAtEveryShift_theRollbackAndTheFinish_fromTheirWeights() {
        ReleaseRecord release = withTimeline(List.of(
                new Decision("2026-11-26T06:00:40Z", "shifted", "10% of traffic to green",
                        "{\"before\": {\"A\": 100, \"B\": 0}, \"after\": {\"A\": 90, \"B\": 10}}"),
                new Decision("2026-11-26T06:01:10Z", "gate", "PASS", Fixtures.GATE_EVIDENCE),
                new Decision("2026-11-26T06:01:40Z", "shifted", "50% of traffic to green",
                        "{\"before\": {\"A\": 90, \"B\": 10}, \"after\": {\"A\": 1, \"B\": 1}}"),
                new Decision("2026-11-26T06:02:10Z", "rolled-back", "aborted by console:ann@box",
                        "{\"weights\": {\"A\": 100, \"B\": 0}, \"blueHealthyTargets\": 2, \"greenDeleted\": \"blog-b\"}")));

        List<Map<String, Object>> traffic = ConsoleViews.traffic(release);

        assertThat(traffic).extracting(p -> p.get("green")).containsExactly(0, 10, 50, 0);
        assertThat(traffic).extracting(p -> p.get("blue")).containsExactly(100, 90, 50, 100);
        assertThat(traffic).extracting(p -> p.get("kind")).containsExactly("started", "shifted", "shifted",
                "rolled-back");
        assertThat(traffic.get(1).get("t")).isEqualTo(Instant.parse("2026-11-26T06:00:40Z").getEpochSecond());
    }

    @Test
    void traffic_skipsDecisionsWithoutReadableWeights() {
        ReleaseRecord release = withTimeline(List.of(
                new Decision("2026-11-26T06:00:40Z", "shifted", "10%", "not json"),
                new Decision("2026-11-26T06:00:41Z", "shifted", "10%", "{\"after\": 3}")));

        assertThat(ConsoleViews.traffic(release)).extracting(p -> p.get("kind")).containsExactly("started");
    }

    @Test
    void looks_giveEachGateWindowItsVerdictCountsAndChecks() {
        Map<String, Object> look = ConsoleViews.looks(Fixtures.inProgress()).get(0);

        assertThat(look).containsEntry("verdict", "FAIL").containsEntry("look", "end of bake")
                .containsEntry("from", Instant.parse("2026-11-26T06:00:40Z").getEpochSecond())
                .containsEntry("to", Instant.parse("2026-11-26T06:01:10Z").getEpochSecond());
        assertThat(look.get("green")).isEqualTo(Map.of("requests", 412L, "errors", 0L, "rate", 0.0,
                "rateText", "0.00%"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) look.get("checks");
        assertThat(checks).hasSize(3);
        assertThat(checks.get(2)).containsEntry("passed", false).containsEntry("observed", "0.31 (limit 0)");
        assertThat((String) checks.get(2).get("test")).contains("evidence 120.40 nats, fails at 7.38");
    }

    @Test
    void timeline_endsWithTheControlsSetNow_andWhoSetThem() {
        List<Map<String, Object>> timeline = ConsoleViews.timeline(Fixtures.inProgress());

        assertThat(timeline.get(timeline.size() - 1)).containsEntry("kind", "control")
                .containsEntry("message", "PAUSE set by cli:ann@box").containsEntry("at", "06:02:00Z");
    }

    @Test
    void controls_offerResumeWhilePaused_andNoneOnceEnded() {
        assertThat(ConsoleViews.controls(Fixtures.inProgress())).extracting(c -> c.get("name"))
                .containsExactly("resume", "promote", "abort");
        ReleaseRecord unpaused = withTimeline(List.of());
        assertThat(ConsoleViews.controls(unpaused)).extracting(c -> c.get("name"))
                .containsExactly("pause", "promote", "abort");
        assertThat(ConsoleViews.controls(Fixtures.ended("20261126T050000Z-v2", "v2", ReleaseState.RELEASED,
                "v2 released to 100%", "2026-11-26T05:00:00Z", "2026-11-26T05:02:00Z"))).isEmpty();
    }

    @Test
    void rows_putRunningReleasesFirst() {
        ReleaseRecord ended = Fixtures.ended("20261126T070000Z-v4", "v4", ReleaseState.ROLLED_BACK, "gate failed",
                "2026-11-26T07:00:00Z", "2026-11-26T07:01:30Z");

        List<Map<String, Object>> rows = ConsoleViews.rows(List.of(ended, Fixtures.inProgress()), NOW);

        assertThat(rows).extracting(r -> r.get("tag")).containsExactly("v3", "v4");
        assertThat(rows.get(0)).containsEntry("outcome", "running").containsEntry("duration", "3 m 00 s+");
        assertThat(rows.get(1)).containsEntry("outcome", "bad").containsEntry("duration", "1 m 30 s");
    }

    private static ReleaseRecord withTimeline(List<Decision> timeline) {
        ReleaseRecord base = Fixtures.inProgress();
        return new ReleaseRecord(base.service(), base.releaseId(), base.executionId(), base.state(), base.tag(),
                base.digest(), base.greenSlot(), base.percent(), base.weights(), Map.of(), null, base.startedAt(),
                null, timeline, Progress.NONE, null);
    }
}
