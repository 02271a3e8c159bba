package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;

/**
 * Whether a push may release now: one release per service holds the lock; the others wait in the queue, and of
 * those only the newest goes, since an older push would only be replaced by it. A lock whose lease expired (its
 * release's execution died) may be taken over.
 */
public class Admission {

    /** What a push was told. */
    sealed interface Outcome {
    }

    /** It holds the lock: release now. */
    record Admitted() implements Outcome {
    }

    /** Another release holds the lock: ask again later. */
    record Waiting(String behind) implements Outcome {
    }

    /** A newer push waits too: this one will never go. */
    record Superseded(String by) implements Outcome {
    }

    private final ReleaseLock lock;
    private final ReleaseQueue queue;
    private final Duration lease;

    public Admission(ReleaseLock lock, ReleaseQueue queue, Duration lease) {
        this.lock = lock;
        this.queue = queue;
        this.lease = lease;
    }

    Outcome admit(String service, String releaseId, String executionId, Instant now) {
        Optional<ReleaseLock.Holder> holder = lock.holder(service);
        if (holder.isPresent() && holder.get().releaseId().equals(releaseId)) {
            // a retry of a Prepare that already took the lock
            lock.acquire(service, releaseId, executionId, now, lease);
            return new Admitted();
        }
        queue.enter(service, releaseId, executionId);
        if (queue.newerWaiting(service, releaseId)) {
            queue.leave(service, releaseId);
            return new Superseded(queue.waiting(service).stream().reduce((a, b) -> b).orElse("a newer push"));
        }
        boolean heldByOther = holder.isPresent() && !holder.get().expiredAt(now);
        if (heldByOther || !lock.acquire(service, releaseId, executionId, now, lease)) {
            return new Waiting(holder.map(ReleaseLock.Holder::releaseId).orElse("another release"));
        }
        queue.leave(service, releaseId);
        return new Admitted();
    }

    /** Gives the lock up: the release ends before it changed anything. */
    void release(String service, String releaseId) {
        lock.release(service, releaseId);
    }

    /** Leaves the lock and the queue, whichever this push was in. */
    void withdraw(String service, String releaseId) {
        lock.release(service, releaseId);
        queue.leave(service, releaseId);
    }
}
