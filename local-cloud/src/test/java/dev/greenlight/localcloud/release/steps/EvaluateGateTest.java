package dev.greenlight.localcloud.release.steps;

import static dev.greenlight.localcloud.release.steps.StepFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.release.GateAction;
import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.Verdict;
import dev.greenlight.release.steps.EvaluateGate;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * The gate at the end of a bake, over the local CloudWatch: a window in which green got no request cannot be
 * judged, and the plan's inconclusive policy decides what follows.
 */
@Timeout(120)
class EvaluateGateTest {

    private static final StepRequest.Step HALF = step(0, 50, 4);

    @TempDir
    Path dir;
    StepFixture rig;
    EvaluateGate evaluate;
    Instant shifted;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        evaluate = new EvaluateGate(rig.lease, rig.gate, rig.records, rig.timeline);
        shifted = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void bakeWithoutTraffic_isInconclusive_andProceedsUnderAProceedPolicy() {
        ReleaseContext release = rig.releaseOverBlue();

        EvaluateGate.Result result = evaluate.apply(window(release, 4));

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.action()).isEqualTo(GateAction.PROCEED);
        assertThat(result.extendSeconds()).isZero();
        ReleaseRecord record = rig.record(release);
        assertThat(record.timeline()).filteredOn(d -> d.kind().equals("gate")).singleElement().satisfies(gate -> {
            assertThat(gate.at()).isEqualTo(at(4));
            assertThat(gate.message()).startsWith("INCONCLUSIVE at 50%: ")
                    .endsWith("; then proceed (the plan's policy)");
            assertThat(gate.evidence()).contains("\"action\":\"PROCEED\"");
        });
        assertThat(record.controls()).doesNotContainKey("PAUSE");
    }

    @Test
    void sameWindowTwice_recordsOneVerdict() {
        ReleaseContext release = rig.releaseOverBlue();

        EvaluateGate.Result once = evaluate.apply(window(release, 4));
        EvaluateGate.Result twice = evaluate.apply(window(release, 4));

        assertThat(twice.action()).isEqualTo(once.action());
        assertThat(rig.record(release).timeline()).filteredOn(d -> d.kind().equals("gate")).hasSize(1);
    }

    @Test
    void inconclusiveUnderAPausePolicy_holds_andSetsThePauseControl() {
        ReleaseContext release = rig.releaseOverBlue(Map.of("inconclusivePolicy", "PAUSE"));

        EvaluateGate.Result result = evaluate.apply(window(release, 4));

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.action()).isEqualTo(GateAction.HOLD);
        assertThat(rig.record(release).controls())
                .containsEntry("PAUSE", "gate: INCONCLUSIVE at 50% at " + at(4));
    }

    @Test
    void inconclusiveWithExtensionsLeft_butNoGreenRequests_doesNotExtend() {
        ReleaseContext release = rig.releaseOverBlue(Map.of("inconclusivePolicy", "PAUSE",
                "maxInconclusiveExtensions", 2, "maxExtensionSeconds", 60));

        EvaluateGate.Result result = evaluate.apply(window(release, 4));

        assertThat(result.action()).isEqualTo(GateAction.HOLD);
        assertThat(rig.record(release).timeline()).extracting(Decision::message)
                .anyMatch(m -> m.contains("green had no requests, so a longer bake would not help"));
    }

    @Test
    void inconclusiveUnderARollbackPolicy_rollsBack() {
        ReleaseContext release = rig.releaseOverBlue(Map.of("inconclusivePolicy", "ROLLBACK"));

        EvaluateGate.Result result = evaluate.apply(window(release, 4));

        assertThat(result.action()).isEqualTo(GateAction.ROLLBACK);
        assertThat(rig.record(release).controls()).isEmpty();
    }

    @Test
    void windowEndingBeforeItStarts_isRejected_andJudgesNothing() {
        ReleaseContext release = rig.releaseOverBlue();
        StepRequest backwards = new StepRequest(release, HALF, null, null, null, null, at(4), at(0), null, null);

        assertThatThrownBy(() -> evaluate.apply(backwards)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the gate window ends before it starts");
        assertThat(rig.record(release).timeline()).extracting(Decision::kind).isEqualTo(List.of("prepared"));
    }

    @Test
    void smokeRequestsWithAnUnreadableSecond_areRejected_andJudgeNothing() {
        ReleaseContext release = rig.releaseOverBlue();
        StepRequest odd = new StepRequest(release, HALF, null, null, null, null, at(0), at(4),
                List.of(new StepRequest.Answered("soon", 3)), null);

        assertThatThrownBy(() -> evaluate.apply(odd)).isInstanceOf(InvalidInputException.class)
                .hasMessage("smokeRequests.second is not an ISO-8601 instant: soon");
        assertThat(rig.record(release).timeline()).extracting(Decision::kind).isEqualTo(List.of("prepared"));
    }

    /** The gate's input for the 50% bake from the shift to {@code seconds} after it. */
    private StepRequest window(ReleaseContext release, int seconds) {
        return new StepRequest(release, HALF, null, null, null, null, at(0), at(seconds), null, null);
    }

    private String at(int secondsAfterShift) {
        return shifted.plusSeconds(secondsAfterShift).toString();
    }
}
