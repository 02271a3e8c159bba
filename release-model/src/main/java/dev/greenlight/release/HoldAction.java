package dev.greenlight.release;

/** What the workflow does after CheckControls looked at a hold. */
public enum HoldAction {
    /** an operator aborted: roll back now */
    ABORT,
    /** an operator promoted: skip the remaining bakes */
    PROMOTE,
    /** an interim look of the gate failed: roll back now */
    FAIL,
    /** an operator paused the bake: ask again later */
    PAUSED,
    /** keep holding: ask again after the wait */
    WAIT,
    /** the hold is over; for a HOLD, an operator resumed, or nobody did and the plan goes on at the timeout */
    DONE,
    /** a HOLD nobody answered, with ROLLBACK as the plan's timeout action */
    ROLLBACK
}
