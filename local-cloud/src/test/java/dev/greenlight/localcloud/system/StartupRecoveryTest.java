package dev.greenlight.localcloud.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.greenlight.dynalite.Dynalite;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.release.store.ReleaseRecords;
import dev.greenlight.release.store.ReleasesTable;

/** Start-up ends, and records, the releases a stopped or crashed local system left unfinished. */
class StartupRecoveryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private ReleaseRecords records;
    private ReleaseLock lock;
    private ReleaseQueue queue;
    private StartupRecovery recovery;

    @BeforeEach
    void table() {
        Dynalite dynalite = Dynalite.shared();
        dynalite.recreate(ReleasesTable.createRequest("Releases"));
        records = new ReleaseRecords(dynalite.client(), "Releases");
        lock = new ReleaseLock(dynalite.client(), "Releases");
        queue = new ReleaseQueue(dynalite.client(), "Releases");
        recovery = new StartupRecovery(records, lock, queue, "blog");
    }

    @Test
    void recover_rollsBackAReleaseCutShortBeforeFullTraffic() {
        given("20261126T090000Z-v1", ReleaseState.RELEASED, 100);
        given("20261126T091000Z-v2", ReleaseState.IN_PROGRESS, 50);
        lock.acquire("blog", "20261126T091000Z-v2", "exec-v2", NOW.minusSeconds(30), Duration.ofMinutes(15));

        recovery.recover(NOW);

        ReleaseRecord v2 = records.find("blog", "20261126T091000Z-v2").orElseThrow();
        assertThat(v2.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(v2.reason()).isEqualTo(
                "the local cloud stopped during the release at 50% of traffic; rolled back at start-up");
        assertThat(v2.endedAt()).isEqualTo(NOW.toString());
        assertThat(v2.timeline()).anyMatch(d -> d.kind().equals("recovered") && d.message().equals(v2.reason()));
        assertThat(lock.holder("blog")).isEmpty();
        assertThat(recovery.lastReleased()).map(ReleaseRecord::tag).contains("v1");
    }

    @Test
    void recover_finishesAReleaseThatAlreadyHadAllTraffic() {
        given("20261126T090000Z-v1", ReleaseState.RELEASED, 100);
        given("20261126T091000Z-v2", ReleaseState.IN_PROGRESS, 100);

        recovery.recover(NOW);

        ReleaseRecord v2 = records.find("blog", "20261126T091000Z-v2").orElseThrow();
        assertThat(v2.state()).isEqualTo(ReleaseState.RELEASED);
        assertThat(v2.reason()).contains("termination wait", "finished at start-up");
        assertThat(recovery.lastReleased()).map(ReleaseRecord::tag).contains("v2");
    }

    @Test
    void recover_abandonsQueuedReleasesAndEmptiesTheQueue() {
        given("20261126T091000Z-v2", ReleaseState.IN_PROGRESS, null);
        given("20261126T091100Z-v3", ReleaseState.QUEUED, null);
        queue.enter("blog", "20261126T091100Z-v3", "exec-v3");

        recovery.recover(NOW);

        assertThat(records.find("blog", "20261126T091100Z-v3").orElseThrow().state()).isEqualTo(ReleaseState.ABANDONED);
        assertThat(records.find("blog", "20261126T091000Z-v2").orElseThrow().reason())
                .isEqualTo("the local cloud stopped during the release; rolled back at start-up");
        assertThat(queue.waiting("blog")).isEmpty();
        assertThat(recovery.lastReleased()).isEmpty();
    }

    @Test
    void recover_leavesEndedReleasesAlone() {
        given("20261126T090000Z-v1", ReleaseState.RELEASED, 100);
        given("20261126T090500Z-v2", ReleaseState.ROLLED_BACK, 10);
        ReleaseRecord before = records.find("blog", "20261126T090500Z-v2").orElseThrow();

        assertThat(recovery.recover(NOW)).isEmpty();

        assertThat(records.find("blog", "20261126T090500Z-v2")).contains(before);
    }

    private void given(String releaseId, ReleaseState state, Integer percent) {
        String tag = releaseId.substring(releaseId.indexOf('-') + 1);
        records.start("blog", releaseId, "exec-" + tag, tag, "sha256:" + "c".repeat(64), ReleaseState.QUEUED,
                NOW.minusSeconds(600).toString());
        if (percent != null) {
            records.setTraffic("blog", releaseId, percent, Map.of("A", 100 - percent, "B", percent));
        }
        records.setState("blog", releaseId, state, state.isFinal() ? "given" : null, NOW.minusSeconds(300).toString());
    }
}
