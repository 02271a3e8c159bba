package dev.greenlight.localcloud.system;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.release.store.ReleaseRecords;

/**
 * What the local system does with releases the last run left unfinished. The local Step Functions keeps
 * its executions in memory, so after a stop or a crash nothing is running any more, and the local ECS and
 * ALB start empty. Each unfinished release is ended, and recorded, as what start-up will make true:
 * <ul>
 *   <li>green already had all traffic (the termination wait): RELEASED, green goes live again;</li>
 *   <li>any earlier point: ROLLED_BACK, the version live before it goes live again;</li>
 *   <li>still queued: ABANDONED.</li>
 * </ul>
 * Then the lock and the queue are cleared. Traffic is never left split: start-up serves one version at 100%.
 */
final class StartupRecovery {

    private static final int SCANNED = 100;

    private final ReleaseRecords records;
    private final ReleaseLock lock;
    private final ReleaseQueue queue;
    private final String service;

    StartupRecovery(ReleaseRecords records, ReleaseLock lock, ReleaseQueue queue, String service) {
        this.records = records;
        this.lock = lock;
        this.queue = queue;
        this.service = service;
    }

    /** Ends the unfinished releases; returns the releases it ended, as they are now. */
    List<ReleaseRecord> recover(Instant now) {
        List<ReleaseRecord> unfinished = records.history(service, SCANNED).stream()
                .filter(release -> !release.state().isFinal()).toList();
        for (ReleaseRecord release : unfinished) {
            end(release, now);
        }
        lock.holder(service).ifPresent(holder -> lock.release(service, holder.releaseId()));
        queue.waiting(service).forEach(releaseId -> queue.leave(service, releaseId));
        return unfinished.stream().map(r -> records.find(service, r.releaseId()).orElseThrow()).toList();
    }

    /** The release whose version should serve: the newest one that was RELEASED. */
    Optional<ReleaseRecord> lastReleased() {
        return records.history(service, SCANNED).stream()
                .filter(release -> release.state() == ReleaseState.RELEASED).findFirst();
    }

    private void end(ReleaseRecord release, Instant now) {
        String at = now.toString();
        ReleaseState state;
        String reason;
        if (release.state() == ReleaseState.QUEUED) {
            state = ReleaseState.ABANDONED;
            reason = "the local cloud stopped while this release waited in the queue";
        } else if (release.percent() != null && release.percent() == 100) {
            state = ReleaseState.RELEASED;
            reason = "the local cloud stopped during the termination wait, with all traffic on " + release.tag()
                    + "; finished at start-up";
        } else {
            state = ReleaseState.ROLLED_BACK;
            reason = "the local cloud stopped during the release"
                    + (release.percent() == null ? "" : " at " + release.percent() + "% of traffic")
                    + "; rolled back at start-up";
        }
        records.record(service, release.releaseId(), new Decision(at, "recovered", reason, null));
        records.setState(service, release.releaseId(), state, reason, at);
    }
}
