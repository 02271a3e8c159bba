package dev.greenlight.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;
import tools.jackson.databind.JsonNode;

/** {@code history}: past releases as a table, then the executions that failed without a release record. */
final class HistoryView {

    /**
     * An execution that ended badly before Prepare recorded a release (a malformed push event, an invalid plan).
     *
     * @param name      the execution's name
     * @param status    FAILED, ABORTED or TIMED_OUT
     * @param startedAt when it started
     * @param error     its error
     * @param cause     its cause
     */
    record FailedExecution(String name, String status, Instant startedAt, String error, String cause) {
    }

    private static final String[] HEADINGS = {"RELEASE", "TAG", "OUTCOME", "STARTED", "DURATION", "FORECAST",
        "REASON"};

    private HistoryView() {
    }

    static String render(List<ReleaseRecord> releases, List<FailedExecution> failed, Instant now) {
        List<String> lines = new ArrayList<>();
        if (releases.isEmpty()) {
            lines.add("no releases yet");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADINGS);
            releases.forEach(r -> rows.add(row(r, now)));
            lines.addAll(table(rows));
            lines.addAll(verdicts(releases));
        }
        if (!failed.isEmpty()) {
            lines.add("");
            lines.add("executions that failed before a release was recorded:");
            for (FailedExecution execution : failed) {
                lines.add("  " + Text.dateTime(execution.startedAt()) + "  " + execution.status() + "  "
                        + execution.name());
                lines.add("    " + (execution.error() == null ? "(no error)" : execution.error())
                        + (execution.cause() == null ? "" : ": " + Text.cut(execution.cause(), 300)));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** Each release's last gate verdict, with the numbers of its statistical checks: what it was decided on. */
    static List<String> verdicts(List<ReleaseRecord> releases) {
        List<String> lines = new ArrayList<>();
        for (ReleaseRecord release : releases) {
            Decision gate = release.timeline().stream().filter(d -> "gate".equals(d.kind())).reduce((a, b) -> b)
                    .orElse(null);
            if (gate == null) {
                continue;
            }
            if (lines.isEmpty()) {
                lines.add("");
                lines.add("last gate verdicts:");
            }
            lines.add("  " + release.releaseId() + "  " + Text.cut(gate.message(), 200));
            JsonNode evidence = Text.json(gate.evidence());
            if (evidence == null) {
                continue;
            }
            for (JsonNode check : evidence.path("verdict").path("checks")) {
                JsonNode statistical = check.path("evidence");
                if (!statistical.has("test")) {
                    continue;
                }
                lines.add("    " + WatchView.check(check));
                lines.add("          " + WatchView.test(statistical));
            }
        }
        return lines;
    }

    private static String[] row(ReleaseRecord release, Instant now) {
        Instant started = Text.instant(release.startedAt());
        Instant ended = Text.instant(release.endedAt());
        String duration = started == null ? "?"
                : Text.duration(Duration.between(started, ended == null ? now : ended)) + (ended == null ? "+" : "");
        return new String[] {release.releaseId(), release.tag(), release.state().name(), Text.dateTime(started),
                duration, forecast(release), Text.cut(release.reason() == null ? "" : release.reason(), 120)};
    }

    /** What the release was expected to take when it was admitted, at the traffic of the moment; - if unknown. */
    private static String forecast(ReleaseRecord release) {
        if (release.forecast() == null) {
            return "-";
        }
        return Text.duration(Duration.ofMillis(Math.round(release.forecast().durationSeconds() * 1000)))
                + String.format(java.util.Locale.ROOT, " at %.0f/s", release.forecast().requestsPerSecond());
    }

    /** Left-aligned columns as wide as their widest cell; the last column is not padded. */
    private static List<String> table(List<String[]> rows) {
        int columns = HEADINGS.length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns - 1; c++) {
                line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            lines.add(line.append(row[columns - 1]).toString().stripTrailing());
        }
        return lines;
    }
}
