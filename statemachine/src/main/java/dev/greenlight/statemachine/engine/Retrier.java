package dev.greenlight.statemachine.engine;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One Retry entry, with the ASL defaults: 1 s interval, 3 attempts, backoff 2.0, no cap, no jitter. */
record Retrier(List<String> errorEquals, long intervalSeconds, long maxAttempts, double backoffRate,
               Long maxDelaySeconds, boolean fullJitter) {

    static Retrier of(JsonNode node) {
        List<String> errors = new ArrayList<>();
        node.get("ErrorEquals").forEach(error -> errors.add(error.asString()));
        return new Retrier(errors,
                node.path("IntervalSeconds").asLong(1),
                node.path("MaxAttempts").asLong(3),
                node.path("BackoffRate").asDouble(2.0),
                node.has("MaxDelaySeconds") ? node.get("MaxDelaySeconds").asLong() : null,
                "FULL".equals(node.path("JitterStrategy").asString("NONE")));
    }

    boolean matches(AslError error) {
        return errorEquals.stream().anyMatch(error::matches);
    }

    /** The wait before retry number {@code retriesSoFar + 1}: interval × rate^n, capped, then jittered. */
    Duration delay(int retriesSoFar, Random random) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        if (fullJitter) {
            seconds = random.nextDouble() * seconds;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
