package dev.greenlight.release.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.greenlight.dynalite.Dynalite;

class ReleaseLockTest {

    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final ReleaseLock lock = new ReleaseLock(Dynalite.shared().client(), "Releases");

    @BeforeEach
    void emptyTable() {
        Dynalite.shared().recreate(ReleasesTable.createRequest("Releases"));
    }

    @Test
    void acquire_succeedsWhenFreeAndAgainForTheSameRelease() {
        assertThat(lock.acquire("blog", "r1", "exec-1", NOW, LEASE)).isTrue();
        assertThat(lock.acquire("blog", "r1", "exec-1", NOW.plusSeconds(10), LEASE)).isTrue();

        assertThat(lock.holder("blog")).get().extracting(ReleaseLock.Holder::releaseId).isEqualTo("r1");
    }

    @Test
    void acquire_failsWhenAnotherReleaseHoldsALiveLease() {
        lock.acquire("blog", "r1", "exec-1", NOW, LEASE);

        assertThat(lock.acquire("blog", "r2", "exec-2", NOW.plusSeconds(299), LEASE)).isFalse();
        assertThat(lock.holder("blog")).get().extracting(ReleaseLock.Holder::releaseId).isEqualTo("r1");
    }

    @Test
    void acquire_takesOverAnExpiredLease() {
        lock.acquire("blog", "r1", "exec-1", NOW, LEASE);

        assertThat(lock.acquire("blog", "r2", "exec-2", NOW.plus(LEASE), LEASE)).isTrue();

        assertThat(lock.holder("blog")).get().extracting(ReleaseLock.Holder::releaseId).isEqualTo("r2");
        assertThatThrownBy(() -> lock.renew("blog", "r1", NOW.plus(LEASE), LEASE))
                .isInstanceOf(ReleaseLockLostException.class).hasMessageContaining("lost the lock of blog to r2");
    }

    @Test
    void renew_extendsTheLease() {
        lock.acquire("blog", "r1", "exec-1", NOW, LEASE);

        lock.renew("blog", "r1", NOW.plusSeconds(240), LEASE);

        assertThat(lock.acquire("blog", "r2", "exec-2", NOW.plusSeconds(400), LEASE)).isFalse();
        assertThat(lock.holder("blog").orElseThrow().leaseExpiresAt()).isEqualTo(NOW.plusSeconds(540));
    }

    @Test
    void release_freesOnlyOurOwnLockAndCanBeRepeated() {
        lock.acquire("blog", "r1", "exec-1", NOW, LEASE);

        lock.release("blog", "r2");
        assertThat(lock.holder("blog")).isPresent();
        lock.release("blog", "r1");
        lock.release("blog", "r1");

        assertThat(lock.holder("blog")).isEmpty();
        assertThat(lock.acquire("blog", "r2", "exec-2", NOW, LEASE)).isTrue();
    }

    @Test
    void acquire_racingReleases_exactlyOneWins() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String releaseId = "r" + i;
            Callable<Boolean> race = () -> {
                start.await();
                return lock.acquire("blog", releaseId, "exec-" + releaseId, NOW, LEASE);
            };
            results.add(pool.submit(race));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> result : results) {
            winners += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
    }

    @Test
    void locks_ofDifferentServicesAreIndependent() {
        assertThat(lock.acquire("blog", "r1", "exec-1", NOW, LEASE)).isTrue();
        assertThat(lock.acquire("shop", "s1", "exec-9", NOW, LEASE)).isTrue();
    }
}
