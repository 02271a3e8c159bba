package dev.greenlight.release;

/** What a hold of the workflow is for, as CheckControls's {@code phase}. */
public enum HoldPhase {
    /** a step bakes, from its shift for its bake seconds */
    BAKE,
    /** the gate found too little evidence and the plan says to pause for an operator */
    HOLD,
    /** 100% is on green; blue is kept for the plan's termination wait */
    TERMINATION_WAIT
}
