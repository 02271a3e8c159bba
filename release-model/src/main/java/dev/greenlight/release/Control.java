package dev.greenlight.release;

/** What an operator can ask of a running release; the next step of the workflow honours it. */
public enum Control {
    /** Hold the current step: no gate, no further shift, until resumed. */
    PAUSE,
    /** Undo a pause. */
    RESUME,
    /** Skip the remaining bakes and go to 100% now (after the usual verification). */
    PROMOTE,
    /** Roll back now. */
    ABORT
}
