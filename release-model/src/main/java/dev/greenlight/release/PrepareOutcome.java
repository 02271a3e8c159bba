package dev.greenlight.release;

/** How Prepare ended, as {@code $.release.outcome}: the workflow's first choice goes on only on PROCEED. */
public enum PrepareOutcome {
    /** the lock is held: deploy green */
    PROCEED,
    /** another release holds the lock: wait and ask again */
    QUEUED,
    /** a newer push waits behind this one: end without deploying */
    SUPERSEDED,
    /** the pushed digest is already live */
    NOOP,
    /** the pre-flight found blue missing its objective or an alarm in ALARM */
    REFUSED
}
