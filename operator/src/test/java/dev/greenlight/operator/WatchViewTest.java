package dev.greenlight.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.gate.GateVerdict;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WatchViewTest {

    private static final Instant NOW = Instant.parse("2026-11-26T06:01:58Z");

    @Test
    void render_live_showsEveryPartOfTheRelease() {
        String frame = WatchView.render(Fixtures.inProgress(), Fixtures.running(), NOW, WatchView.Display.LIVE);

        assertThat(frame).isEqualTo("""
                release   20261126T060000Z-v3  tag v3  IN_PROGRESS  elapsed 1 m 58 s
                step      2 of 3: 50% to green, bake 30 s (plan 10% -> 50% -> 100%)
                traffic   A  ##########..........   50%  blue
                          B  ##########..........   50%  green
                green     slot B: 2/2 healthy targets, 2 running (health check at 06:00:35Z)
                gate      FAIL at 10%: green is slower than blue
                          window 06:00:40Z to 06:01:10Z (37 smoke-test requests in its first period not counted)
                          ok    alarms in ALARM: 0 (limit 0)  none of []
                          ok    green 5xx rate above blue's (lower bound, 99.75% over all looks): -0.0126 \
                (limit 0.00025)  green 0/412 (0.00%), blue 3/3600 (0.08%); catches +1.62 points or more
                                anytime-valid confidence sequence for green's minus blue's 5xx rate, alpha 0.0025: \
                evidence -3.90 nats, fails at 5.99; power 21% at the configured effect
                          FAIL  green p50 latency within 1.30x of blue's: 0.31 (limit 0)  green 390/412 (94.7%) \
                slower than 5.20 ms, blue 1800/3600 (50.0%) slower than 4.00 ms
                                anytime-valid confidence sequence for green's minus blue's share of slow requests, \
                alpha 0.000625: evidence 120.40 nats, fails at 7.38
                controls  PAUSE by cli:ann@box at 2026-11-26T06:02:00Z
                waiting   bake: 12 s left of 30 s (until 06:02:10Z)
                execution RUNNING
                timeline
                  06:00:01Z  prepared     deploying v3 to slot B, blue is slot A
                  06:00:02Z  deployed     green service blog-b created in slot B
                  06:00:40Z  shifted      10% of traffic to green
                  06:01:10Z  gate         FAIL at 10%: green is slower than blue
                  06:01:40Z  shifted      50% of traffic to green
                """);
    }

    @Test
    void render_log_hasNoTickingClock_soItChangesOnlyWithTheRelease() {
        String early = WatchView.render(Fixtures.inProgress(), Fixtures.running(), NOW, WatchView.Display.LOG);
        String later = WatchView.render(Fixtures.inProgress(), Fixtures.running(), NOW.plusSeconds(5),
                WatchView.Display.LOG);

        assertThat(early).isEqualTo(later);
        assertThat(early).contains("release   20261126T060000Z-v3  tag v3  IN_PROGRESS  started 2026-11-26 06:00:00Z\n")
                .contains("waiting   bake: 30 s (until 06:02:10Z)\n")
                .doesNotContain("left").doesNotContain("\033");
    }

    @Test
    void traffic_drawsABarPerSlotWithItsShare() {
        ReleaseRecord tenPercent = withWeights(Map.of("A", 90, "B", 10));

        assertThat(WatchView.traffic(tenPercent)).containsExactly(
                "traffic   A  ##################..   90%  blue",
                "          B  ##..................   10%  green");
    }

    @Test
    void waiting_neverCountsBelowZero() {
        Progress.Hold bake = new Progress.Hold(Progress.Reason.BAKE, "2026-11-26T06:01:40Z", 10);

        assertThat(WatchView.waiting(bake, NOW, WatchView.Display.LIVE))
                .isEqualTo("bake: 0 s left of 10 s (until 06:01:50Z)");
    }

    @Test
    void waiting_whilePaused_saysWhatEndsThePause_notThePollsClock() {
        Progress.Hold paused = new Progress.Hold(Progress.Reason.PAUSE, "2026-11-26T06:01:40Z", null);

        assertThat(WatchView.waiting(paused, NOW, WatchView.Display.LIVE))
                .isEqualTo("paused: this step holds until ./greenlight resume (or promote, abort)");
    }

    @Test
    void render_ofAnEndedRelease_showsItsOutcomeAndDuration_andTheExecutionError() {
        ReleaseRecord rolledBack = Fixtures.ended("20261126T060000Z-v3", "v3", ReleaseState.ROLLED_BACK,
                "Release.GateFailed: green is slower than blue", "2026-11-26T06:00:00Z", "2026-11-26T06:04:05Z");
        Execution failed = new Execution(Fixtures.EXECUTION, "FAILED", "Release.GateFailed",
                "green is slower than blue");

        String frame = WatchView.render(withProgress(rolledBack, new Progress(List.of(10, 50, 100),
                new StepRequest.Step(2, 2, 100, 30, 0, false, "2026-11-26T06:00:40Z"), null,
                new Progress.Hold(Progress.Reason.BAKE, "2026-11-26T06:03:00Z", 30))), failed, NOW,
                WatchView.Display.LIVE);

        assertThat(frame).startsWith("""
                release   20261126T060000Z-v3  tag v3  ROLLED_BACK  took 4 m 05 s, ended 2026-11-26 06:04:05Z
                outcome   ROLLED_BACK: Release.GateFailed: green is slower than blue
                step      100% to green (plan 10% -> 50% -> 100%)
                """)
                .contains("execution FAILED: Release.GateFailed: green is slower than blue\n")
                .contains("gate      no verdict yet\n")
                .contains("green     slot A: no health check yet\n")
                .doesNotContain("waiting");
    }

    @Test
    void render_beforePrepareRecordedTheRelease_saysSo() {
        assertThat(WatchView.render(null, Fixtures.running(), NOW, WatchView.Display.LOG)).isEqualTo("""
                release   not recorded yet: Prepare has not run for this push
                execution RUNNING
                """);
    }

    @Test
    void timeline_showsOnlyTheNewestEntries() {
        List<Decision> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(new Decision("2026-11-26T06:00:%02dZ".formatted(i), "shifted", "step " + i, null));
        }

        List<String> lines = WatchView.timeline(many);

        assertThat(lines).hasSize(1 + WatchView.TIMELINE_ENTRIES);
        assertThat(lines.get(1)).isEqualTo("  06:00:04Z  shifted      step 4");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  06:00:11Z  shifted      step 11");
    }

    @Test
    void health_fromAVerification_hasNoDesiredCount() {
        ReleaseRecord record = Fixtures.inProgress();
        ReleaseRecord verified = withProgress(record, new Progress(record.progress().plan(), record.progress().step(),
                new Progress.Health(3, null, null, "2026-11-26T06:01:39Z", "check before shift"), null));

        assertThat(WatchView.health(verified)).isEqualTo("slot B: 3 healthy targets (check before shift at 06:01:39Z)");
    }

    @Test
    void check_showsItsFigures_butNotTheUncomputedOnesOfAQuietInterimLook() {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode computed = json.valueToTree(new GateVerdict.Check("balancer 5xx rate", 0, 0.01, true, "0 of 751 requests"));
        JsonNode quiet = Text.json(json.writeValueAsString(new GateVerdict.Check("green p50 latency", Double.NaN,
                Double.NaN, true, "no regression found at this interim look")));

        assertThat(WatchView.check(computed)).isEqualTo("ok    balancer 5xx rate: 0 (limit 0.01)  0 of 751 requests");
        assertThat(WatchView.check(quiet)).isEqualTo("ok    green p50 latency  no regression found at this interim look");
    }

    private static ReleaseRecord withWeights(Map<String, Integer> weights) {
        ReleaseRecord r = Fixtures.inProgress();
        return new ReleaseRecord(r.service(), r.releaseId(), r.executionId(), r.state(), r.tag(), r.digest(),
                r.greenSlot(), r.percent(), new java.util.TreeMap<>(weights), r.controls(), r.reason(), r.startedAt(),
                r.endedAt(), r.timeline(), r.progress(), r.forecast());
    }

    private static ReleaseRecord withProgress(ReleaseRecord r, Progress progress) {
        return new ReleaseRecord(r.service(), r.releaseId(), r.executionId(), r.state(), r.tag(), r.digest(),
                r.greenSlot(), r.percent(), r.weights(), r.controls(), r.reason(), r.startedAt(), r.endedAt(),
                r.timeline(), progress, r.forecast());
    }
}
