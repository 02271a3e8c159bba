package dev.greenlight.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseRecord;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/** {@code status}: what is live and what is running, as text. */
final class StatusView {

    /**
     * What status shows.
     *
     * @param service   the released service
     * @param where     the target's name
     * @param blogUrl   the blog's address, where known
     * @param recent    the service's releases, newest first
     * @param lock      the lock holder, if any
     * @param running   the state machine's RUNNING executions, newest first
     */
    record Status(String service, String where, String blogUrl, List<ReleaseRecord> recent,
            Optional<ReleaseLock.Holder> lock, List<ExecutionListItem> running) {
    }

    private StatusView() {
    }

    static String render(Status status, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(status.service() + " on " + status.where()
                + (status.blogUrl() == null ? "" : "  " + status.blogUrl()));
        lines.add("live      " + live(status.recent()));
        List<ReleaseRecord> active = status.recent().stream().filter(r -> !r.state().isFinal()).toList();
        if (active.isEmpty()) {
            lines.add("releasing nothing");
        }
        for (ReleaseRecord release : active) {
            lines.add((release == active.get(0) ? "releasing " : "          ") + active(release));
        }
        lines.add("lock      " + status.lock().map(holder -> lock(holder, now)).orElse("free"));
        lines.add("executions running: " + status.running().size());
        for (ExecutionListItem execution : status.running()) {
            lines.add("  " + execution.name() + "  started " + Text.dateTime(execution.startDate()));
        }
        return String.join("\n", lines) + "\n";
    }

    static String live(List<ReleaseRecord> recent) {
        return recent.stream().filter(r -> r.state() == ReleaseState.RELEASED).findFirst()
                .map(r -> r.tag() + "  digest " + Text.shortDigest(r.digest()) + "  slot " + r.greenSlot()
                        + "  since " + Text.dateTime(Text.instant(r.endedAt())) + "  (release " + r.releaseId() + ")")
                .orElse("nothing released yet");
    }

    static String active(ReleaseRecord release) {
        StringBuilder line = new StringBuilder(release.releaseId() + "  " + release.tag() + "  " + release.state());
        if (release.percent() != null) {
            line.append("  ").append(release.percent()).append("% to green (slot ").append(release.greenSlot())
                    .append(")");
        } else if (release.greenSlot() != null) {
            line.append("  green is slot ").append(release.greenSlot());
        }
        if (release.weights() != null && !release.weights().isEmpty()) {
            line.append("  weights ").append(weights(release.weights()));
        }
        if (!release.activeControls().isEmpty()) {
            line.append("  controls ").append(String.join(",", release.activeControls().keySet()));
        }
        return line.toString();
    }

    static String weights(Map<String, Integer> weights) {
        return new TreeMap<>(weights).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(" / "));
    }

    private static String lock(ReleaseLock.Holder holder, Instant now) {
        Duration left = Duration.between(now, holder.leaseExpiresAt());
        String lease = holder.expiredAt(now) ? "lease expired " + Text.duration(left.negated()) + " ago"
                : "lease " + Text.duration(left) + " left";
        return "held by " + holder.releaseId() + " (" + lease + ")";
    }
}
