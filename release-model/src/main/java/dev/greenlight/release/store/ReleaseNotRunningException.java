package dev.greenlight.release.store;

/** A control was sent to a release that does not exist or has already ended. */
public class ReleaseNotRunningException extends RuntimeException {

    public ReleaseNotRunningException(String service, String releaseId) {
        super("release " + releaseId + " of " + service + " is not running");
    }
}
