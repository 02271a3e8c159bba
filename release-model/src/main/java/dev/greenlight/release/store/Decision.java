package dev.greenlight.release.store;

/**
 * One entry of a release's timeline: what the workflow decided, and the evidence it decided on.
 *
 * @param at       when (the workflow state's entered time, so a retried step writes the same entry again)
 * @param kind     a short name: prepared, deployed, shifted, gate, rolled-back...
 * @param message  one sentence for operators
 * @param evidence JSON with the numbers: weights, target health, metric snapshot, who pressed what
 */
public record Decision(String at, String kind, String message, String evidence) {

    /** Unique per step and state entry, so writing a decision twice keeps one entry. */
    String key() {
        return at + " " + kind;
    }
}
