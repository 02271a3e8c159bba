package dev.greenlight.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import tools.jackson.databind.JsonNode;

/**
 * What a release's execution shows beyond its record: where in the workflow it is, read from its description
 * and its history (the newest events are enough).
 *
 * @param executionArn the execution
 * @param status       RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param error        the error it ended with, if it failed
 * @param cause        the cause it ended with, if it failed
 * @param state        the state entered last
 * @param planSteps    the plan's steps (green's percent at each), once Prepare has run
 * @param step         the traffic step in progress, once the shifts have begun
 * @param health       green's health as last checked, if it was
 * @param waiting      the Wait state the execution is in now, if it is in one
 */
record ExecutionFacts(String executionArn, String status, String error, String cause, String state,
        List<Integer> planSteps, Step step, Health health, Wait waiting) {

    static final String CHECK_GREEN_HEALTH = "Check green health";
    static final String VERIFY_BEFORE_SHIFT = "Verify before shift";

    /**
     * A traffic step, as the workflow passes it in {@code $.step}.
     *
     * @param index       position in the plan, from 0
     * @param lastIndex   position of the last step
     * @param percent     green's share at this step
     * @param bakeSeconds how long this step bakes, extensions included
     * @param extensions  how many times an inconclusive gate extended the bake
     */
    record Step(int index, int lastIndex, int percent, int bakeSeconds, int extensions) {
    }

    /**
     * Green's health from the newest CheckGreenHealth or VerifyTraffic result.
     *
     * @param healthy   healthy targets in green's target group
     * @param desired   tasks green should run; null when only the verification was seen
     * @param running   tasks green runs; null when only the verification was seen
     * @param checkedAt when
     * @param source    the state that checked
     */
    record Health(int healthy, Integer desired, Integer running, Instant checkedAt, String source) {
    }

    /**
     * A Wait state in progress.
     *
     * @param state     its name
     * @param what      what it waits for, in words
     * @param enteredAt when the execution entered it
     * @param seconds   how long it waits; null if it could not be read from the input
     */
    record Wait(String state, String what, Instant enteredAt, Long seconds) {

        Instant endsAt() {
            return seconds == null ? null : enteredAt.plusSeconds(seconds);
        }
    }

    boolean running() {
        return "RUNNING".equals(status);
    }

    /** An execution that ended without success: FAILED, TIMED_OUT or ABORTED. */
    boolean failed() {
        return status != null && !running() && !"SUCCEEDED".equals(status);
    }

    /**
     * Reads the facts.
     *
     * @param newestFirst history events, newest first; the newest few hundred are enough
     */
    static ExecutionFacts from(DescribeExecutionResponse description, List<HistoryEvent> newestFirst) {
        Scan scan = new Scan();
        newestFirst.forEach(scan::accept);
        boolean running = "RUNNING".equals(description.statusAsString());
        return new ExecutionFacts(description.executionArn(), description.statusAsString(), description.error(),
                description.cause(), scan.state, scan.planSteps, scan.step, scan.health, running ? scan.wait : null);
    }

    /** Collects facts from events seen newest first; each fact is taken from the newest event that has it. */
    static final class Scan {

        private boolean first = true;
        private String state;
        private JsonNode data;
        private List<Integer> planSteps;
        private Step step;
        private Health health;
        private Wait wait;

        /** Whether older events could add nothing. */
        boolean complete() {
            return data != null && health != null;
        }

        void accept(HistoryEvent event) {
            if (event.stateEnteredEventDetails() != null) {
                entered(event);
            }
            if (event.stateExitedEventDetails() != null) {
                exited(event);
            }
            first = first && event.stateEnteredEventDetails() == null && event.stateExitedEventDetails() == null;
        }

        private void entered(HistoryEvent event) {
            String name = event.stateEnteredEventDetails().name();
            JsonNode input = Text.json(event.stateEnteredEventDetails().input());
            if (state == null) {
                state = name;
            }
            if (first && event.type() == HistoryEventType.WAIT_STATE_ENTERED) {
                WaitStates.WaitState known = WaitStates.RELEASE.get(name);
                wait = wait(name, known, input, event.timestamp());
            }
            data(input);
        }

        /** The wait, or for one poll of a bake or the termination wait, the whole of that hold. */
        private static Wait wait(String name, WaitStates.WaitState known, JsonNode input, Instant enteredAt) {
            if (known == null) {
                return new Wait(name, "wait", enteredAt, null);
            }
            if (known.sincePath() != null) {
                JsonNode since = at(input, known.sincePath());
                JsonNode hold = at(input, known.holdPath());
                if (since != null && since.isString() && hold != null && hold.isNumber()) {
                    try {
                        return new Wait(name, known.what(), Instant.parse(since.asString()), hold.asLong());
                    } catch (java.time.format.DateTimeParseException e) {
                        // fall back to the poll itself
                    }
                }
            }
            JsonNode seconds = at(input, known.secondsPath());
            return new Wait(name, known.what(), enteredAt, seconds != null && seconds.isNumber() ? seconds.asLong() : null);
        }

        private void exited(HistoryEvent event) {
            String name = event.stateExitedEventDetails().name();
            JsonNode output = Text.json(event.stateExitedEventDetails().output());
            if (state == null) {
                state = name;
            }
            if (health == null && CHECK_GREEN_HEALTH.equals(name) && output != null && output.has("health")) {
                JsonNode h = output.get("health");
                health = new Health(h.path("healthyTargets").asInt(), h.path("desiredCount").asInt(),
                        h.path("runningCount").asInt(), event.timestamp(), name);
            } else if (health == null && VERIFY_BEFORE_SHIFT.equals(name) && output != null && output.has("verify")) {
                health = new Health(output.get("verify").path("healthy").asInt(), null, null, event.timestamp(), name);
            }
            data(output);
        }

        private void data(JsonNode document) {
            if (data != null || document == null || !document.has("release")) {
                return;
            }
            data = document;
            JsonNode steps = at(document, "$.release.plan.steps");
            if (steps != null && steps.isArray()) {
                planSteps = new ArrayList<>();
                steps.forEach(s -> planSteps.add(s.asInt()));
            }
            JsonNode s = document.get("step");
            if (s != null && s.isObject()) {
                step = new Step(s.path("index").asInt(), s.path("lastIndex").asInt(), s.path("percent").asInt(),
                        s.path("bakeSeconds").asInt(), s.path("extensions").asInt());
            }
        }
    }

    /** The node at a plain {@code $.a.b.c} path, or null. */
    static JsonNode at(JsonNode document, String path) {
        JsonNode node = document;
        for (String field : path.substring(2).split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.get(field);
        }
        return node;
    }
}
