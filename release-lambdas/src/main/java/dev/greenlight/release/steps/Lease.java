package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseLockLostException;
import dev.greenlight.release.store.ReleaseRecords;

/**
 * The release's hold on its service's lock, after Prepare took it: every later step renews it, so a live release
 * never loses it, and the last step gives it up.
 */
public class Lease {

    private final ReleaseLock lock;
    private final ReleaseRecords records;
    private final Duration length;

    public Lease(ReleaseLock lock, ReleaseRecords records, Duration length) {
        this.lock = lock;
        this.records = records;
        this.length = length;
    }

    /**
     * Renews the lease. A release that already ended (a retry of its last step) has nothing to renew.
     *
     * @throws ReleaseLockLostException if another release took the lock
     */
    void renew(ReleaseContext release, Instant now) {
        try {
            lock.renew(release.service(), release.releaseId(), now, length);
        } catch (ReleaseLockLostException lost) {
            boolean ended = records.find(release.service(), release.releaseId())
                    .map(record -> record.state().isFinal()).orElse(false);
            if (!ended || lock.holder(release.service()).isPresent()) {
                throw lost;
            }
        }
    }

    /** The other release that holds the lock now, if one does: then this one may touch nothing. */
    Optional<String> heldByAnother(ReleaseContext release) {
        return lock.holder(release.service()).map(ReleaseLock.Holder::releaseId)
                .filter(holder -> !holder.equals(release.releaseId()));
    }

    /** Gives the lock up, for the next release. */
    void end(ReleaseContext release) {
        lock.release(release.service(), release.releaseId());
    }
}
