package dev.greenlight.localcloud.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;

/** Fixed releases and executions for the view tests: a release at 50% on slot B, paused, in its bake. */
final class Fixtures {

    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:greenlight-release:e1";
    static final String DIGEST = "sha256:" + "3f2a9c1b7d4e".repeat(5) + "abcd";
    static final String GATE_EVIDENCE = """
            {"window": {"from": "2026-11-26T06:00:40Z", "to": "2026-11-26T06:01:10Z"},
             "metrics": {"green": {"requests": 412}},
             "verdict": {"verdict": "PASS", "reason": "green is within every limit", "checks": [
               {"name": "alarms in ALARM", "observed": 0.0, "limit": 0.0, "passed": true, "detail": "none of []"},
               {"name": "green requests", "observed": 412.0, "limit": 100.0, "passed": true,
                "detail": "412 requests, need 100"},
               {"name": "green 5xx rate above blue (lower bound at 95.00%)", "observed": -0.003112, "limit": 0.01,
                "passed": true, "detail": "green 0/412 (0.00%), blue 3/3600 (0.08%)"},
               {"name": "green p99 latency (ms)", "observed": 248.25, "limit": 150.0, "passed": false,
                "detail": "green p99 248.3 ms, blue p99 45 ms"}]}}""";

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
                null, timeline());
    }

    static ReleaseRecord ended(String releaseId, String tag, ReleaseState state, String reason, String startedAt,
            String endedAt) {
        return new ReleaseRecord("blog", releaseId, EXECUTION + "-" + tag, state, tag, DIGEST, "A", 100,
                Map.of("A", 100, "B", 0), Map.of(), reason, startedAt, endedAt, List.of());
    }

    static ExecutionFacts baking() {
        return new ExecutionFacts(EXECUTION, "RUNNING", null, null, "Bake", List.of(10, 50, 100),
                new ExecutionFacts.Step(1, 2, 50, 30, 0),
                new ExecutionFacts.Health(2, 2, 2, Instant.parse("2026-11-26T06:00:35Z"), "Check green health"),
                new ExecutionFacts.Wait("Bake", "bake", Instant.parse("2026-11-26T06:01:40Z"), 30L));
    }
}
