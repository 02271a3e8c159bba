package dev.greenlight.release.store;

import java.util.Optional;

/** This release no longer holds its service's lock: its lease ran out and another release took it. */
public class ReleaseLockLostException extends RuntimeException {

    public ReleaseLockLostException(String service, String releaseId, Optional<ReleaseLock.Holder> holder) {
        super("release " + releaseId + " lost the lock of " + service
                + holder.map(h -> " to " + h.releaseId()).orElse(" (nobody holds it now)"));
    }
}
