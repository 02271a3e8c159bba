package dev.greenlight.localcloud.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import dev.greenlight.localcloud.Poll;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * The state under {@code .greenlight/} outlives the local system: after {@code down} and {@code up} the last
 * released version serves at 100%, and a release cut short by a crash of the local cloud is ended and
 * recorded when it comes up again, never leaving traffic split.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RestartEndToEndTest {

    private static Greenlight greenlight;

    @BeforeAll
    static void up() throws Exception {
        greenlight = Greenlight.upInTempDir("restart", Map.of());
    }

    @AfterAll
    static void down() {
        if (greenlight != null) {
            greenlight.close();
        }
    }

    @Test
    @Order(1)
    void downThenUp_servesTheLastReleasedVersion() throws Exception {
        greenlight.run("push", "--tag", "v2", "--env", "BLOG_VERSION=v2", "--steps", "100", "--bake", "0", "--watch")
                .assertOk();
        assertThat(greenlight.versionServed()).isEqualTo("v2");

        greenlight.down().assertOk();
        assertThat(greenlight.state.resolve("cloud.json")).doesNotExist();
        greenlight.up();

        for (int i = 0; i < 20; i++) {
            assertThat(greenlight.versionServed()).isEqualTo("v2");
        }
        assertThat(greenlight.tasks()).isEqualTo(1);
        assertThat(greenlight.history().get(0).tag()).isEqualTo("v2");
        assertThat(greenlight.history().get(0).state()).isEqualTo(ReleaseState.RELEASED);
    }

    @Test
    @Order(2)
    void aCrashMidRelease_isRolledBackAndRecordedAtTheNextUp() throws Exception {
        greenlight.run("push", "--tag", "v3", "--env", "BLOG_VERSION=v3", "--steps", "50,100", "--bake", "120,120")
                .assertOk();
        Poll.until(Duration.ofMinutes(2), "v3 to get half the traffic", () -> {
            ReleaseRecord v3 = greenlight.release("v3");
            return v3.percent() != null && v3.percent() == 50;
        });
        ProcessHandle localCloud = greenlight.localCloud();
        long tasks = greenlight.tasks();

        localCloud.destroyForcibly();
        localCloud.onExit().get();

        assertThat(tasks).isEqualTo(2);
        greenlight.up();
        ReleaseRecord v3 = greenlight.release("v3");
        assertThat(v3.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        assertThat(v3.reason()).contains("stopped during the release at 50%", "rolled back at start-up");
        assertThat(v3.timeline()).anyMatch(d -> d.kind().equals("recovered"));
        for (int i = 0; i < 20; i++) {
            assertThat(greenlight.versionServed()).isEqualTo("v2");
        }
        assertThat(greenlight.tasks()).isEqualTo(1);
        assertThat(greenlight.lockHolder()).isEmpty();
        assertThat(greenlight.run("history").assertOk().out()).contains("v3", "rolled back at start-up");
    }
}
