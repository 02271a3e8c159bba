package dev.greenlight.release;

/** The phases a release goes through, as stored in the Releases table and shown to operators. */
public enum ReleaseState {
    /** Waiting for another release of the service to finish. */
    QUEUED,
    /** Holding the lock and moving: deploying, waiting for health, shifting, baking. */
    IN_PROGRESS,
    /** Green serves all traffic and blue is gone. */
    RELEASED,
    /** Blue serves all traffic again and green is gone; the reason says why. */
    ROLLED_BACK,
    /** A newer push was waiting too, so this one never started. */
    SUPERSEDED,
    /** The pushed image is the one already live. */
    NOOP,
    /** Ended before green existed (bad event, invalid plan...): nothing was changed. */
    ABANDONED,
    /** The pre-flight found an alarm in ALARM or blue missing the objective: nothing was changed. */
    REFUSED;

    public boolean isFinal() {
        return this != QUEUED && this != IN_PROGRESS;
    }
}
