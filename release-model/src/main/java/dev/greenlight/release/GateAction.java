package dev.greenlight.release;

/** What the workflow does after the gate's verdict at the end of a bake. */
public enum GateAction {
    /** go on to the next step */
    PROCEED,
    /** roll back now */
    ROLLBACK,
    /** bake longer: the verdict was INCONCLUSIVE and the plan allows an extension */
    EXTEND,
    /** hold for an operator: the verdict was INCONCLUSIVE and the plan's policy is PAUSE */
    HOLD
}
