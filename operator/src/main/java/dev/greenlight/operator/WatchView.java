package dev.greenlight.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecord;
import tools.jackson.databind.JsonNode;

/**
 * One frame of {@code watch}: a release's progress as text, from its record (which its steps keep up to date) and
 * its execution's status.
 */
final class WatchView {

    /** How clock-bound parts are shown. */
    enum Display {
        /** Counting: elapsed time and seconds left, as of now (a terminal redraws every second). */
        LIVE,
        /** Stable: absolute times only, so a frame changes only when the release does (logs, files). */
        LOG
    }

    static final int TIMELINE_ENTRIES = 8;
    private static final String INDENT = "          ";

    private WatchView() {
    }

    /**
     * @param record    the release, or null while its execution has not created it yet
     * @param execution its execution, or null if unknown
     */
    static String render(ReleaseRecord record, Execution execution, Instant now, Display display) {
        List<String> lines = new ArrayList<>();
        if (record == null) {
            lines.add("release   not recorded yet: Prepare has not run for this push");
        } else {
            lines.add(header(record, now, display));
            if (record.state().isFinal()) {
                lines.add("outcome   " + record.state() + (record.reason() == null ? "" : ": " + record.reason()));
            }
            lines.add("step      " + step(record));
            lines.addAll(traffic(record));
            lines.add("green     " + health(record));
            lines.addAll(gate(record.timeline()));
            lines.add("controls  " + controls(record.activeControls()));
        }
        Progress.Hold hold = record == null || record.state().isFinal() ? null : record.progress().hold();
        if (hold != null && (execution == null || execution.running())) {
            lines.add("waiting   " + waiting(hold, now, display));
        }
        if (execution != null) {
            lines.add("execution " + execution(execution));
        }
        if (record != null) {
            lines.addAll(timeline(record.timeline()));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String header(ReleaseRecord record, Instant now, Display display) {
        Instant started = Text.instant(record.startedAt());
        Instant ended = Text.instant(record.endedAt());
        String time;
        if (ended != null && started != null) {
            time = "took " + Text.duration(Duration.between(started, ended)) + ", ended " + Text.dateTime(ended);
        } else if (display == Display.LIVE && started != null) {
            time = "elapsed " + Text.duration(Duration.between(started, now));
        } else {
            time = "started " + Text.dateTime(started);
        }
        return "release   " + record.releaseId() + "  tag " + record.tag() + "  " + record.state() + "  " + time;
    }

    static String step(ReleaseRecord record) {
        List<Integer> plan = record.progress().plan();
        String planText = plan == null ? "" : " (plan " + plan.stream().map(p -> p + "%")
                .collect(Collectors.joining(" -> ")) + ")";
        StepRequest.Step step = record.progress().step();
        if (step != null && !record.state().isFinal()) {
            String bake = step.bakeSeconds() > 0 ? ", bake " + step.bakeSeconds() + " s" : ", no bake";
            String extended = step.extensions() > 0 ? " (extended " + step.extensions() + "x)" : "";
            return (step.index() + 1) + " of " + (step.lastIndex() + 1) + ": " + step.percent() + "% to green" + bake
                    + extended + planText;
        }
        if (record.percent() != null) {
            return record.percent() + "% to green" + planText;
        }
        return "no traffic shifted yet" + planText;
    }

    /** One bar per slot, in slot order, with its share, marking which slot is green. */
    static List<String> traffic(ReleaseRecord record) {
        if (record.weights() == null || record.weights().isEmpty()) {
            return List.of("traffic   unchanged by this release so far");
        }
        Map<String, Integer> weights = new TreeMap<>(record.weights());
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        List<String> lines = new ArrayList<>();
        weights.forEach((slot, weight) -> {
            int percent = total == 0 ? 0 : Math.round(weight * 100f / total);
            String role = slot.equals(record.greenSlot()) ? "green" : "blue";
            lines.add((lines.isEmpty() ? "traffic   " : INDENT) + slot + "  " + Text.bar(percent) + "  "
                    + String.format(Locale.ROOT, "%3d%%", percent) + "  " + role);
        });
        return lines;
    }

    static String health(ReleaseRecord record) {
        Progress.Health health = record.progress().health();
        String slot = record.greenSlot() == null ? "" : "slot " + record.greenSlot() + ": ";
        if (health == null) {
            return slot + "no health check yet";
        }
        String targets = health.desired() == null ? health.healthy() + " healthy targets"
                : health.healthy() + "/" + health.desired() + " healthy targets, " + health.running() + " running";
        return slot + targets + " (" + health.by() + " at " + Text.clock(Text.instant(health.checkedAt())) + ")";
    }

    /** The newest gate verdict with the numbers of every check. */
    static List<String> gate(List<Decision> timeline) {
        Decision gate = null;
        for (Decision decision : timeline) {
            if ("gate".equals(decision.kind())) {
                gate = decision;
            }
        }
        if (gate == null) {
            return List.of("gate      no verdict yet");
        }
        List<String> lines = new ArrayList<>();
        lines.add("gate      " + gate.message());
        JsonNode evidence = Text.json(gate.evidence());
        if (evidence == null) {
            return lines;
        }
        JsonNode window = evidence.path("window");
        if (window.has("from") && window.has("to")) {
            long smoke = evidence.path("metrics").path("smokeRequests").asLong(0);
            lines.add(INDENT + "window " + Text.clock(Text.instant(window.get("from").asString())) + " to "
                    + Text.clock(Text.instant(window.get("to").asString()))
                    + (smoke > 0 ? " (" + smoke + " smoke-test requests in its first period not counted)" : ""));
        }
        for (JsonNode check : evidence.path("verdict").path("checks")) {
            lines.add(INDENT + check(check));
            String test = test(check.path("evidence"));
            if (test != null) {
                lines.add(INDENT + "      " + test);
            }
        }
        return lines;
    }

    /**
     * How a statistical check reached its answer, in one line: the test, its share of the false-rollback rate,
     * the evidence against "green is no worse" and the evidence that fails, and its power at the configured effect.
     */
    static String test(JsonNode evidence) {
        if (evidence == null || !evidence.has("test")) {
            return null;
        }
        String power = evidence.path("power").isNumber()
                ? String.format(Locale.ROOT, "; power %.0f%% at the configured effect",
                        evidence.get("power").asDouble() * 100) : "";
        return String.format(Locale.ROOT, "%s, alpha %s: evidence %.2f nats, fails at %.2f%s",
                evidence.path("test").asString(), Text.number(evidence.path("alpha").asDouble()),
                evidence.path("statistic").asDouble(), evidence.path("bound").asDouble(), power);
    }

    /**
     * One check as "ok name: observed (limit L)  detail"; a check an interim look passed without computing its
     * figures (they are NaN) shows its name and detail only.
     */
    static String check(JsonNode check) {
        String outcome = check.path("passed").asBoolean() ? "ok    " : "FAIL  ";
        JsonNode observed = check.path("observed");
        boolean computed = observed.isNumber() ? Double.isFinite(observed.asDouble()) : !"NaN".equals(observed.asString(""));
        String figures = computed ? ": " + figure(observed) + " (limit " + figure(check.path("limit")) + ")" : "";
        return outcome + check.path("name").asString() + figures + "  " + check.path("detail").asString("");
    }

    private static String figure(JsonNode value) {
        return value.isNumber() ? Text.number(value.asDouble()) : value.asString("n/a");
    }

    static String controls(Map<String, String> controls) {
        if (controls == null || controls.isEmpty()) {
            return "none";
        }
        return controls.entrySet().stream().map(e -> e.getKey() + " by " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    static String waiting(Progress.Hold hold, Instant now, Display display) {
        if (hold.reason() == Progress.Reason.PAUSE) {
            return "paused: this step holds until ./greenlight resume (or promote, abort)";
        }
        String what = hold.reason().words();
        Instant since = Text.instant(hold.since());
        if (hold.seconds() == null || since == null) {
            return what + " since " + Text.clock(since);
        }
        Instant ends = since.plusSeconds(hold.seconds());
        String until = " (until " + Text.clock(ends) + ")";
        if (display == Display.LOG) {
            return what + ": " + hold.seconds() + " s" + until;
        }
        long left = Math.max(0, Duration.between(now, ends).toSeconds());
        return what + ": " + left + " s left of " + hold.seconds() + " s" + until;
    }

    private static String execution(Execution execution) {
        if (execution.running()) {
            return "RUNNING";
        }
        String why = execution.error() == null ? "" : ": " + execution.error()
                + (execution.cause() == null ? "" : ": " + Text.cut(execution.cause(), 200));
        return execution.status() + why;
    }

    static List<String> timeline(List<Decision> timeline) {
        List<String> lines = new ArrayList<>();
        lines.add("timeline");
        if (timeline.isEmpty()) {
            lines.add("  (no decisions yet)");
        }
        for (Decision d : timeline.subList(Math.max(0, timeline.size() - TIMELINE_ENTRIES), timeline.size())) {
            lines.add("  " + Text.clock(Text.instant(d.at())) + "  " + String.format(Locale.ROOT, "%-12s", d.kind())
                    + " " + Text.cut(d.message(), 160));
        }
        return lines;
    }
}
