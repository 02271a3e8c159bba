package dev.greenlight.release;

/** What the gate concluded about green over a window. */
public enum Verdict {
    /** green is not worse than the plan allows: go on */
    PASS,
    /** green is worse than the plan allows: roll back */
    FAIL,
    /** too little traffic to tell either way */
    INCONCLUSIVE
}
