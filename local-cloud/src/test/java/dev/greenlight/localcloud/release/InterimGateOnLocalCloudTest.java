package dev.greenlight.localcloud.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.localcloud.LoadGenerator;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.statemachine.engine.Execution;
import dev.greenlight.statemachine.engine.ExecutionStatus;

/**
 * A version that fails while its step bakes is rolled back at the next check of the bake, not at its end:
 * the real workflow and functions, real blog processes, real ALB metrics. The smoke test here requests only
 * the readiness probe, which the rehearsal fault spares, so the bad version reaches readers.
 */
class InterimGateOnLocalCloudTest {

    @TempDir
    static Path dir;
    static ReleaseRig rig;

    @BeforeAll
    static void firstRelease() throws Exception {
        rig = new ReleaseRig(dir, Map.of("greenlight.smoke-paths", "/actuator/health/readiness"));
        Execution first = ReleaseRig.await(rig.release(rig.push("v1", Map.of()), null));
        assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void errorsDuringABake_rollBackLongBeforeTheBakeEnds() throws Exception {
        Image bad = rig.push("errors", Map.of("BLOG_FAULTS_ERROR_RATE", "0.3"));

        Execution execution;
        try (LoadGenerator load = new LoadGenerator(rig.blogUrl(), 4, 20_000, Duration.ofSeconds(150))
                .perClientRate(10).start()) {
            execution = ReleaseRig.await(rig.release(bad, "{\"bakeSeconds\": [120, 120]}"));
        }

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).as(execution.cause()).isEqualTo("Release.GateFailed");
        assertThat(execution.cause()).startsWith("FAIL at 50% during the bake").contains("5xx rate");
        assertThat(ReleaseRig.states(execution)).contains("Gate failed during the bake").doesNotContain("Evaluate gate");
        ReleaseRecord record = rig.records.find(ReleaseRig.SERVICE, releaseId(bad)).orElseThrow();
        assertThat(record.state()).isEqualTo(ReleaseState.ROLLED_BACK);
        Instant shifted = at(record, "shifted");
        Instant failed = at(record, "gate");
        assertThat(Duration.between(shifted, failed)).as("from the shift to the failing look")
                .isLessThan(Duration.ofSeconds(60));
        assertThat(record.timeline()).filteredOn(d -> d.kind().equals("gate")).singleElement()
                .satisfies(d -> assertThat(d.evidence()).contains("\"look\":\"interim\"", "\"target5xx\""));
        assertThat(rig.weights()).containsValue(100).containsValue(0);
        assertThat(rig.activeServices()).containsExactly("blog-a");
    }

    private static String releaseId(Image image) {
        return rig.records.history(ReleaseRig.SERVICE, 10).stream().filter(r -> r.tag().equals(image.tag()))
                .findFirst().orElseThrow().releaseId();
    }

    private static Instant at(ReleaseRecord record, String kind) {
        return record.timeline().stream().filter(d -> d.kind().equals(kind)).map(Decision::at).map(Instant::parse)
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + record.timeline()));
    }
}
