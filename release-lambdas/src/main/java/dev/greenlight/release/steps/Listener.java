package dev.greenlight.release.steps;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.greenlight.release.ReleaseContext.SlotRef;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.aws.Traffic;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.release.store.ReleaseRecords;

/**
 * The production listener as a release sees it: its weights by slot (A, B), the split a step wants, and the
 * weights this release set last, which nobody else may have changed.
 */
public class Listener {

    private static final String[] SLOTS = {"A", "B"};

    private final Traffic traffic;
    private final String listenerArn;
    private final Map<String, String> targetGroupBySlot;
    private final ReleaseRecords records;

    /** @param targetGroupBySlot the target group of slot A and of slot B */
    public Listener(Traffic traffic, String listenerArn, Map<String, String> targetGroupBySlot,
            ReleaseRecords records) {
        this.traffic = traffic;
        this.listenerArn = listenerArn;
        this.targetGroupBySlot = Map.copyOf(targetGroupBySlot);
        this.records = records;
    }

    /** The listener's weights now, by slot. */
    Map<String, Integer> weights() {
        Map<String, Integer> byArn = traffic.weights(listenerArn);
        Map<String, Integer> bySlot = new LinkedHashMap<>();
        for (String slot : SLOTS) {
            bySlot.put(slot, byArn.getOrDefault(targetGroupBySlot.get(slot), 0));
        }
        return bySlot;
    }

    /**
     * Sets the weights and reads them back.
     *
     * @throws WeightsNotAppliedException if the listener did not keep them
     */
    Map<String, Integer> set(Map<String, Integer> bySlot) {
        Map<String, Integer> byArn = new LinkedHashMap<>();
        bySlot.forEach((slot, weight) -> byArn.put(targetGroupBySlot.get(slot), weight));
        traffic.setWeights(listenerArn, byArn);
        Map<String, Integer> readBack = weights();
        if (!readBack.equals(bySlot)) {
            throw new WeightsNotAppliedException(bySlot, readBack);
        }
        return readBack;
    }

    /** Green at {@code percent}, blue at the rest. */
    static Map<String, Integer> split(ReleaseContext release, int percent) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String slot : SLOTS) {
            weights.put(slot, 0);
        }
        weights.put(release.green().slot(), percent);
        SlotRef blue = release.blue();
        if (blue != null) {
            weights.put(blue.slot(), 100 - percent);
        }
        return weights;
    }

    /** The weights this release set last, or, before its first shift, those it found when it started. */
    Map<String, Integer> lastSet(ReleaseContext release) {
        ReleaseRecord record = records.find(release.service(), release.releaseId()).orElseThrow();
        if (record.weights() != null && !record.weights().isEmpty()) {
            return new LinkedHashMap<>(record.weights());
        }
        Map<String, Integer> start = new LinkedHashMap<>();
        Map<String, Integer> found = release.startWeights() == null ? Map.of() : release.startWeights();
        for (String slot : SLOTS) {
            start.put(slot, found.getOrDefault(slot, 0));
        }
        return start;
    }

    /** The listener did not keep the weights just set. */
    public static class WeightsNotAppliedException extends RuntimeException {
        public WeightsNotAppliedException(Map<String, Integer> set, Map<String, Integer> readBack) {
            super("set the weights to " + set + " but read back " + readBack);
        }
    }
}
