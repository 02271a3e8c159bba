package dev.greenlight.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.Forecast;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecord;

/** Fixed releases and executions for the view tests: a release at 50% on slot B, paused, in its bake. */
final class Fixtures {

    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:greenlight-release:e1";
    static final String DIGEST = "sha256:" + "3f2a9c1b7d4e".repeat(5) + "abcd";
    static final String GATE_EVIDENCE = """
            {"window": {"from": "2026-11-26T06:00:40Z", "to": "2026-11-26T06:01:10Z"},
             "metrics": {"green": {"requests": 412}, "smokeRequests": 37},
             "verdict": {"verdict": "FAIL", "reason": "green is slower than blue at p50", "checks": [
               {"name": "alarms in ALARM", "observed": 0.0, "limit": 0.0, "passed": true, "detail": "none of []"},
               {"name": "green 5xx rate above blue's (lower bound, 99.75% over all looks)", "observed": -0.0126,
                "limit": 0.00025, "passed": true, "detail": "green 0/412 (0.00%), blue 3/3600 (0.08%); catches +1.62 points or more",
                "evidence": {"test": "anytime-valid confidence sequence for green's minus blue's 5xx rate",
                  "alpha": 0.0025, "green": {"events": 0, "requests": 412}, "blue": {"events": 3, "requests": 3600},
                  "statistic": -3.9, "bound": 5.991, "lowerBound": -0.0126, "power": 0.21, "detectable": 0.0162,
                  "detectableUnit": "5xx rate increase", "neededRequests": 4650}},
               {"name": "green p50 latency within 1.30x of blue's", "observed": 0.31, "limit": 0.0, "passed": false,
                "detail": "green 390/412 (94.7%) slower than 5.20 ms, blue 1800/3600 (50.0%) slower than 4.00 ms",
                "evidence": {"test": "anytime-valid confidence sequence for green's minus blue's share of slow requests",
                  "alpha": 0.000625, "green": {"events": 390, "requests": 412}, "blue": {"events": 1800, "requests": 3600},
                  "statistic": 120.4, "bound": 7.378, "lowerBound": 0.31, "power": null, "detectable": null,
                  "detectableUnit": "latency ratio", "neededRequests": null}}]}}""";

    private Fixtures() {
    }

    static List<Decision> timeline() {
        return List.of(
                new Decision("2026-11-26T06:00:01Z", "prepared", "deploying v3 to slot B, blue is slot A", "{}"),
                new Decision("2026-11-26T06:00:02Z", "deployed", "green service blog-b created in slot B", "{}"),
                new Decision("2026-11-26T06:00:40Z", "shifted", "10% of traffic to green", "{}"),
                new Decision("2026-11-26T06:01:10Z", "gate", "FAIL at 10%: green is slower than blue", GATE_EVIDENCE),
                new Decision("2026-11-26T06:01:40Z", "shifted", "50% of traffic to green", "{}"));
    }

    static ReleaseRecord inProgress() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("A", 50);
        weights.put("B", 50);
        return new ReleaseRecord("blog", "20261126T060000Z-v3", EXECUTION, ReleaseState.IN_PROGRESS, "v3", DIGEST, "B",
                50, weights, Map.of("PAUSE", "cli:ann@box at 2026-11-26T06:02:00Z"), null, "2026-11-26T06:00:00Z",
                null, timeline(), new Progress(List.of(10, 50, 100),
                        new StepRequest.Step(1, 2, 50, 30, 0, false, "2026-11-26T06:00:40Z"),
                        new Progress.Health(2, 2, 2, "2026-11-26T06:00:35Z", "health check"),
                        new Progress.Hold(Progress.Reason.BAKE, "2026-11-26T06:01:40Z", 30)), null);
    }

    static ReleaseRecord ended(String releaseId, String tag, ReleaseState state, String reason, String startedAt,
            String endedAt) {
        return ended(releaseId, tag, state, reason, startedAt, endedAt, null);
    }

    static ReleaseRecord ended(String releaseId, String tag, ReleaseState state, String reason, String startedAt,
            String endedAt, Forecast forecast) {
        return new ReleaseRecord("blog", releaseId, EXECUTION + "-" + tag, state, tag, DIGEST, "A", 100,
                Map.of("A", 100, "B", 0), Map.of(), reason, startedAt, endedAt, List.of(),
                Progress.NONE, forecast);
    }

    static Execution running() {
        return new Execution(EXECUTION, "RUNNING", null, null);
    }
}
