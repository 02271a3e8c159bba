package dev.greenlight.blog.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.greenlight.blog.BlogTestSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The per-author sign-in state against a real DynamoDB API (dynalite). */
class SignInsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private SignIns signIns;

    @BeforeEach
    void emptyTable() {
        BlogTestSupport.resetTables();
        signIns = new SignIns(BlogTestSupport.dynalite().client(), BlogTestSupport.SIGN_INS_TABLE, clock);
    }

    @Test
    void signingOut_movesTheAuthorToTheNextEpoch_andNoOneElse() {
        assertThat(signIns.epoch("alice")).isZero();

        signIns.signOut("alice");
        signIns.signOut("alice");

        assertThat(signIns.epoch("alice")).isEqualTo(2);
        assertThat(signIns.epoch("bob")).isZero();
    }

    @Test
    void fiveAttemptsAreFree_thenEachWaitsTwiceAsLong_untilAGoodPasswordResetsTheCount() {
        for (int i = 0; i < SignIns.FREE_ATTEMPTS; i++) {
            assertThat(signIns.claimAttempt("alice")).as("attempt %d", i + 1).isEmpty();
        }
        assertThat(signIns.claimAttempt("alice")).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(signIns.claimAttempt("alice")).isEmpty();
        assertThat(signIns.claimAttempt("alice")).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofMillis(1500));
        assertThat(signIns.claimAttempt("alice")).contains(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(500));
        assertThat(signIns.claimAttempt("alice")).isEmpty();
        assertThat(signIns.claimAttempt("alice")).contains(Duration.ofSeconds(4));
        assertThat(signIns.claimAttempt("bob")).as("another author is not slowed").isEmpty();

        signIns.succeeded("alice");

        for (int i = 0; i < SignIns.FREE_ATTEMPTS; i++) {
            assertThat(signIns.claimAttempt("alice")).as("attempt %d after the reset", i + 1).isEmpty();
        }
        assertThat(signIns.claimAttempt("alice")).contains(Duration.ofSeconds(1));
        assertThat(signIns.epoch("alice")).as("failed sign-ins do not sign anyone out").isZero();
    }

    @Test
    void theWaitDoubles_upToFifteenMinutes() {
        assertThat(SignIns.waitAfter(4)).isZero();
        assertThat(SignIns.waitAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SignIns.waitAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignIns.waitAfter(14)).isEqualTo(Duration.ofSeconds(512));
        assertThat(SignIns.waitAfter(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignIns.waitAfter(1_000_000)).isEqualTo(Duration.ofMinutes(15));
    }

    /** Guesses sent at once cannot share one allowance: each counted attempt claims a count of its own. */
    @Test
    void parallelAttempts_areCountedOneByOne() throws Exception {
        int attempts = 40;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Callable<Optional<Duration>>> claims = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                claims.add(() -> signIns.claimAttempt("alice"));
            }
            long granted = 0;
            for (Future<Optional<Duration>> claim : pool.invokeAll(claims)) {
                granted += claim.get().isEmpty() ? 1 : 0;
            }

            assertThat(granted).isBetween(1L, (long) SignIns.FREE_ATTEMPTS);
            assertThat(BlogTestSupport.dynalite().client().getItem(b -> b.tableName(BlogTestSupport.SIGN_INS_TABLE)
                    .key(Map.of(SignInTable.AUTHOR, AttributeValue.fromS("alice"))).consistentRead(true))
                    .item().get(SignInTable.FAILURES).n()).as("the attempts counted").isEqualTo(Long.toString(granted));
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
