package dev.greenlight.release.store;

import java.util.List;
import java.util.Map;

import dev.greenlight.release.ReleaseState;

/**
 * A release as stored: what operators see in status and history.
 *
 * @param service     the released service
 * @param releaseId   push time and tag, e.g. {@code 20261126T055043Z-v2}
 * @param executionId the Step Functions execution that runs it
 * @param state       its phase
 * @param tag         the pushed image tag
 * @param digest      the pushed image digest
 * @param greenSlot   the slot green was deployed to (A or B), once known
 * @param percent     green's share of traffic set last, in percent
 * @param weights     the listener weights set last, by slot
 * @param controls    operator controls currently set (PAUSE, PROMOTE, ABORT) and the last RESUME, with who set them
 * @param reason      why it ended as it did (rollback cause, superseded by, ...)
 * @param startedAt   when the release was first seen
 * @param endedAt     when it reached a final state; null while running
 * @param timeline    decisions in the order they were made
 * @param progress    where it is, as its steps last recorded it
 * @param forecast    what it was expected to take when it was admitted; null before, or when not foreseen
 */
public record ReleaseRecord(
        String service,
        String releaseId,
        String executionId,
        ReleaseState state,
        String tag,
        String digest,
        String greenSlot,
        Integer percent,
        Map<String, Integer> weights,
        Map<String, String> controls,
        String reason,
        String startedAt,
        String endedAt,
        List<Decision> timeline,
        Progress progress,
        Forecast forecast) {

    /** The controls in force: PAUSE, PROMOTE and ABORT as set, without the last RESUME the record keeps. */
    public Map<String, String> activeControls() {
        if (controls == null || !controls.containsKey(dev.greenlight.release.Control.RESUME.name())) {
            return controls == null ? Map.of() : controls;
        }
        Map<String, String> active = new java.util.LinkedHashMap<>(controls);
        active.remove(dev.greenlight.release.Control.RESUME.name());
        return active;
    }
}
