package dev.greenlight.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.greenlight.release.Control;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the console's pages show of a release, as plain maps for the templates: its row in the list, its traffic
 * share over time, the gate's looks with their windows, numbers and checks, its timeline with who pressed what,
 * and the controls it accepts now. Everything comes from the release's record; nothing here calls AWS.
 */
final class ConsoleViews {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConsoleViews() {
    }

    /** One release in the list: id, tag, outcome, when, how long, why. */
    static Map<String, Object> row(ReleaseRecord release, Instant now) {
        Instant started = Text.instant(release.startedAt());
        Instant ended = Text.instant(release.endedAt());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", release.releaseId());
        row.put("href", "/releases/" + release.releaseId());
        row.put("tag", release.tag());
        row.put("state", release.state().name());
        row.put("outcome", outcome(release));
        row.put("running", !release.state().isFinal());
        row.put("started", Text.dateTime(started));
        row.put("duration", started == null ? "?"
                : Text.duration(Duration.between(started, ended == null ? now : ended)) + (ended == null ? "+" : ""));
        row.put("reason", release.reason() == null ? "" : release.reason());
        row.put("percent", release.percent() == null ? "" : release.percent() + "%");
        return row;
    }

    /** The list: running releases first, then the rest newest first (the order they are given in). */
    static List<Map<String, Object>> rows(List<ReleaseRecord> releases, Instant now) {
        List<Map<String, Object>> rows = new ArrayList<>();
        releases.stream().filter(r -> !r.state().isFinal()).forEach(r -> rows.add(row(r, now)));
        releases.stream().filter(r -> r.state().isFinal()).forEach(r -> rows.add(row(r, now)));
        return rows;
    }

    /** A CSS class for a release's state: running, released, rolled-back, ... */
    static String outcome(ReleaseRecord release) {
        return switch (release.state()) {
            case RELEASED, SUPERSEDED, NOOP -> "good";
            case ROLLED_BACK, ABANDONED, REFUSED -> "bad";
            default -> "running";
        };
    }

    /**
     * Green's and blue's share of traffic each time it changed: 0% when the release started, then every shift,
     * the rollback and the finish, from the weights their decisions recorded.
     *
     * @return points with {@code t} (epoch seconds), {@code at}, {@code green}, {@code blue}, {@code kind}
     */
    static List<Map<String, Object>> traffic(ReleaseRecord release) {
        List<Map<String, Object>> points = new ArrayList<>();
        String green = release.greenSlot();
        Instant started = Text.instant(release.startedAt());
        if (started != null) {
            points.add(point(started, 0, 100, "started"));
        }
        if (green == null) {
            return points;
        }
        for (Decision decision : release.timeline()) {
            JsonNode evidence = Text.json(decision.evidence());
            Instant at = Text.instant(decision.at());
            if (evidence == null || at == null) {
                continue;
            }
            JsonNode weights = switch (decision.kind()) {
                case "shifted" -> evidence.path("after");
                case "rolled-back", "finished" -> evidence.path("weights");
                default -> null;
            };
            if (weights == null || !weights.isObject()) {
                continue;
            }
            int total = 0;
            for (Map.Entry<String, JsonNode> slot : weights.properties()) {
                total += slot.getValue().asInt(0);
            }
            int greenWeight = weights.path(green).asInt(0);
            int greenShare = total == 0 ? 0 : Math.round(100f * greenWeight / total);
            points.add(point(at, greenShare, total == 0 ? 0 : 100 - greenShare, decision.kind()));
        }
        return points;
    }

    private static Map<String, Object> point(Instant at, int green, int blue, String kind) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("t", at.getEpochSecond());
        point.put("at", Text.clock(at));
        point.put("green", green);
        point.put("blue", blue);
        point.put("kind", kind);
        return point;
    }

    /**
     * Every look of the gate, oldest first: its window, verdict, green's and blue's requests and 5xx, and its
     * checks with their numbers.
     */
    static List<Map<String, Object>> looks(ReleaseRecord release) {
        List<Map<String, Object>> looks = new ArrayList<>();
        for (Decision decision : release.timeline()) {
            if (!"gate".equals(decision.kind())) {
                continue;
            }
            JsonNode evidence = Text.json(decision.evidence());
            if (evidence == null) {
                continue;
            }
            Map<String, Object> look = new LinkedHashMap<>();
            Instant from = Text.instant(evidence.path("window").path("from").asString(null));
            Instant to = Text.instant(evidence.path("window").path("to").asString(null));
            look.put("at", Text.clock(Text.instant(decision.at())));
            look.put("look", "interim".equals(evidence.path("look").asString(null)) ? "interim" : "end of bake");
            look.put("from", from == null ? null : from.getEpochSecond());
            look.put("to", to == null ? null : to.getEpochSecond());
            look.put("window", Text.clock(from) + " to " + Text.clock(to));
            JsonNode verdict = evidence.path("verdict");
            look.put("verdict", verdict.path("verdict").asString("?"));
            look.put("reason", verdict.path("reason").asString(""));
            look.put("message", decision.message());
            JsonNode metrics = evidence.path("metrics");
            look.put("green", side(metrics.path("green")));
            look.put("blue", side(metrics.path("blue")));
            List<Map<String, Object>> checks = new ArrayList<>();
            for (JsonNode check : verdict.path("checks")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", check.path("name").asString(""));
                row.put("observed", check.path("observed").isNumber()
                        ? Text.number(check.path("observed").asDouble()) + " (limit "
                        + Text.number(check.path("limit").asDouble()) + ")" : "-");
                row.put("passed", check.path("passed").asBoolean(false));
                row.put("detail", check.path("detail").asString(""));
                row.put("test", WatchView.test(check.path("evidence")));
                checks.add(row);
            }
            look.put("checks", checks);
            looks.add(look);
        }
        return looks;
    }

    /**
     * Green's and blue's metrics per period, for the charts: {@code t} (the period's start, epoch seconds), and per
     * side {@code requests}, {@code rate} (5xx, percent; null without requests) and {@code latency} (p50, p90, p99
     * in ms; null where not timed).
     */
    static List<Map<String, Object>> periods(PeriodMetrics.Series series) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (series == null) {
            return rows;
        }
        for (PeriodMetrics.Period period : series.periods()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t", period.start().getEpochSecond());
            row.put("at", Text.clock(period.start()));
            row.put("green", side(period.green()));
            row.put("blue", period.blue() == null ? null : side(period.blue()));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> side(PeriodMetrics.Side side) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("requests", Math.round(side.requests()));
        map.put("errors", Math.round(side.errors()));
        map.put("rate", side.requests() == 0 ? null : 100 * side.errors() / side.requests());
        map.put("latency", side.latencyMs());
        map.put("text", Math.round(side.requests()) + " req, " + (side.requests() == 0 ? "-"
                : String.format(Locale.ROOT, "%.2f%%", 100 * side.errors() / side.requests())) + " 5xx, p50 "
                + (side.latencyMs().get(0) == null ? "-" : String.format(Locale.ROOT, "%.1f ms", side.latencyMs().get(0))));
        return map;
    }

    private static Map<String, Object> side(JsonNode counts) {
        Map<String, Object> side = new LinkedHashMap<>();
        long requests = counts.path("requests").asLong(0);
        long errors = counts.path("target5xx").asLong(0);
        side.put("requests", requests);
        side.put("errors", errors);
        side.put("rate", requests == 0 ? null : 100.0 * errors / requests);
        side.put("rateText", requests == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * errors / requests));
        return side;
    }

    /**
     * The decisions and the controls in force (PAUSE, PROMOTE, ABORT, with who set them and when, as the workflow
     * may not have acted on them yet), oldest first.
     */
    static List<Map<String, Object>> timeline(ReleaseRecord release) {
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (Decision decision : release.timeline()) {
            Instant at = Text.instant(decision.at());
            entries.add(entry(at, decision.kind(), decision.message()));
            times.add(at);
        }
        release.activeControls().forEach((control, by) -> {
            int cut = by.lastIndexOf(" at ");
            Instant at = cut < 0 ? null : Text.instant(by.substring(cut + 4));
            entries.add(entry(at, "control", control + " set by " + (cut < 0 ? by : by.substring(0, cut))));
            times.add(at);
        });
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            order.add(i);
        }
        // by time; the sort is stable, and an entry without a readable time goes last
        order.sort(java.util.Comparator.comparing(i -> times.get(i) == null ? Instant.MAX : times.get(i)));
        return order.stream().map(entries::get).toList();
    }

    private static Map<String, Object> entry(Instant at, String kind, String message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", Text.clock(at));
        entry.put("kind", kind);
        entry.put("message", message);
        return entry;
    }

    /** The controls a release accepts now: none once it has ended; resume instead of pause while paused. */
    static List<Map<String, Object>> controls(ReleaseRecord release) {
        if (release.state().isFinal()) {
            return List.of();
        }
        boolean paused = release.activeControls().containsKey(Control.PAUSE.name());
        List<Map<String, Object>> controls = new ArrayList<>();
        controls.add(control(paused ? Control.RESUME : Control.PAUSE, paused
                ? "Resume release " + release.releaseId() + "?"
                : "Pause release " + release.releaseId() + " at its current step?"));
        controls.add(control(Control.PROMOTE, "Promote release " + release.releaseId()
                + ": skip the remaining bakes and go to 100% after verifying green?"));
        controls.add(control(Control.ABORT, "Abort release " + release.releaseId() + " and roll back to blue?"));
        return controls;
    }

    private static Map<String, Object> control(Control control, String confirm) {
        Map<String, Object> map = new LinkedHashMap<>();
        String name = control.name().toLowerCase(Locale.ROOT);
        map.put("name", name);
        map.put("label", Character.toUpperCase(name.charAt(0)) + name.substring(1));
        map.put("confirm", confirm);
        return map;
    }

    /** What the release is doing now, in words. */
    static String now(ReleaseRecord release, Execution execution) {
        if (release.state().isFinal()) {
            return release.state() + (release.reason() == null ? "" : ": " + release.reason());
        }
        StringBuilder now = new StringBuilder(release.state().name());
        if (release.percent() != null) {
            now.append(", green at ").append(release.percent()).append('%');
        }
        if (release.progress() != null && release.progress().hold() != null) {
            now.append(", waiting: ").append(release.progress().hold().reason().words());
        }
        if (release.activeControls().containsKey(Control.PAUSE.name())) {
            now.append(" (paused)");
        }
        if (execution != null && !execution.running()) {
            now.append("; execution ").append(execution.status());
        }
        return now.toString();
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
