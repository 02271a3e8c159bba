package dev.greenlight.localcloud.release.steps;

import static dev.greenlight.localcloud.release.steps.StepFixture.CONTROL_POLL_SECONDS;
import static dev.greenlight.localcloud.release.steps.StepFixture.SERVICE;
import static dev.greenlight.localcloud.release.steps.StepFixture.pushEvent;
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

import dev.greenlight.release.Control;
import dev.greenlight.release.HoldAction;
import dev.greenlight.release.HoldPhase;
import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.steps.CheckControls;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseLockLostException;

/**
 * CheckControls during a bake, the gate's hold and the termination wait: the operator's controls first, then how
 * long to keep holding, and what the release waits for, in its record. Times are fixed offsets from the shift.
 */
@Timeout(120)
class CheckControlsTest {

    private static final StepRequest.Step HALF = StepFixture.step(0, 50, 30);
    private static final StepRequest.Step FULL = StepFixture.step(1, 100, 30);

    @TempDir
    Path dir;
    StepFixture rig;
    CheckControls check;
    ReleaseContext release;
    Instant shifted;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        check = new CheckControls(rig.lease, rig.records, rig.gate, rig.timeline);
        release = rig.releaseOverBlue();
        shifted = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void bakeWithTimeLeft_waitsAPoll_andRecordsTheStepAndTheBake() {
        CheckControls.Result result = check.apply(bake(30, 10));

        assertThat(result).isEqualTo(new CheckControls.Result(HoldAction.WAIT, CONTROL_POLL_SECONDS,
                "20 s of the bake at 50% left"));
        Progress progress = rig.record(release).progress();
        assertThat(progress.step()).isEqualTo(HALF);
        assertThat(progress.hold()).isEqualTo(new Progress.Hold(Progress.Reason.BAKE, shifted.toString(), 30));
    }

    @Test
    void lastSecondsOfABake_waitOnlyWhatIsLeft() {
        CheckControls.Result result = check.apply(bake(30, 28));

        assertThat(result.action()).isEqualTo(HoldAction.WAIT);
        assertThat(result.waitSeconds()).isEqualTo(2);
    }

    @Test
    void bakeOver_isDone_andClearsTheHold() {
        check.apply(bake(30, 10));

        CheckControls.Result result = check.apply(bake(30, 30));

        assertThat(result).isEqualTo(new CheckControls.Result(HoldAction.DONE, 0, "the bake at 50% is over"));
        assertThat(rig.record(release).progress().hold()).isNull();
    }

    @Test
    void pausedBake_staysPausedPastItsEnd_andKeepsWhenThePauseBegan() {
        String pressed = at(5);
        rig.records.setControl(SERVICE, release.releaseId(), Control.PAUSE, "alice", pressed);

        CheckControls.Result first = check.apply(bake(30, 10));
        CheckControls.Result later = check.apply(bake(30, 45));

        assertThat(first).isEqualTo(new CheckControls.Result(HoldAction.PAUSED, CONTROL_POLL_SECONDS,
                "paused by alice at " + pressed));
        assertThat(later.action()).isEqualTo(HoldAction.PAUSED);
        assertThat(rig.record(release).progress().hold())
                .isEqualTo(new Progress.Hold(Progress.Reason.PAUSE, at(10), null));
    }

    @Test
    void anOperatorsPause_entersTheTimelineOnce_andItsResumeWithWhoResumed() {
        rig.records.setControl(SERVICE, release.releaseId(), Control.PAUSE, "console:ann@box", at(5));
        check.apply(bake(30, 10));
        check.apply(bake(30, 12));
        rig.records.setControl(SERVICE, release.releaseId(), Control.RESUME, "cli:bob@box", at(20));

        CheckControls.Result goingOn = check.apply(bake(30, 22));
        check.apply(bake(30, 24));

        assertThat(goingOn.action()).isEqualTo(HoldAction.WAIT);
        List<Decision> timeline = rig.record(release).timeline();
        assertThat(timeline).filteredOn(d -> d.kind().equals("paused")).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("paused by console:ann@box at " + at(5)))
                .satisfies(d -> assertThat(d.at()).isEqualTo(at(10)));
        assertThat(timeline).filteredOn(d -> d.kind().equals("resumed")).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("resumed by cli:bob@box at " + at(20)));
        assertThat(rig.record(release).activeControls()).isEmpty();
    }

    @Test
    void abort_endsTheBakeAtOnce_evenWhilePaused() {
        check.apply(bake(30, 5));
        rig.records.setControl(SERVICE, release.releaseId(), Control.PAUSE, "alice", at(6));
        rig.records.setControl(SERVICE, release.releaseId(), Control.ABORT, "bob", at(7));

        CheckControls.Result result = check.apply(bake(30, 10));

        assertThat(result).isEqualTo(new CheckControls.Result(HoldAction.ABORT, 0, "aborted by bob at " + at(7)));
        assertThat(rig.record(release).timeline()).extracting(Decision::kind).contains("abort");
        assertThat(rig.record(release).progress().hold()).isNull();
    }

    @Test
    void promote_skipsTheRestOfTheBake() {
        check.apply(bake(30, 5));
        rig.records.setControl(SERVICE, release.releaseId(), Control.PROMOTE, "carol", at(6));

        CheckControls.Result result = check.apply(bake(30, 10));

        assertThat(result).isEqualTo(new CheckControls.Result(HoldAction.PROMOTE, 0,
                "promoted by carol at " + at(6)));
        assertThat(rig.record(release).timeline()).extracting(Decision::kind).contains("promote");
        assertThat(rig.record(release).progress().hold()).isNull();
    }

    @Test
    void promote_doesNotCutTheTerminationWait() {
        rig.records.setControl(SERVICE, release.releaseId(), Control.PROMOTE, "carol", at(1));

        CheckControls.Result result = check.apply(hold(HoldPhase.TERMINATION_WAIT, FULL, 20, 5));

        assertThat(result).isEqualTo(new CheckControls.Result(HoldAction.WAIT, CONTROL_POLL_SECONDS,
                "15 s of the termination wait left"));
        assertThat(rig.record(release).progress().hold())
                .isEqualTo(new Progress.Hold(Progress.Reason.TERMINATION_WAIT, shifted.toString(), 20));
    }

    @Test
    void gatesHold_waitsForAnOperator_thenGoesOnOnceResumed() {
        // given the gate paused the release
        rig.records.setControl(SERVICE, release.releaseId(), Control.PAUSE, "gate: INCONCLUSIVE at 50%", at(0));

        // when
        CheckControls.Result waiting = check.apply(hold(HoldPhase.HOLD, HALF, 60, 10));

        // then
        assertThat(waiting).isEqualTo(new CheckControls.Result(HoldAction.WAIT, CONTROL_POLL_SECONDS,
                "waiting for an operator: 50 s left before the pause times out (rollback then)"));
        assertThat(rig.record(release).progress().hold())
                .isEqualTo(new Progress.Hold(Progress.Reason.OPERATOR, shifted.toString(), 60));

        // when an operator resumes
        rig.records.setControl(SERVICE, release.releaseId(), Control.RESUME, "dave", at(12));
        CheckControls.Result resumed = check.apply(hold(HoldPhase.HOLD, HALF, 60, 15));

        // then
        assertThat(resumed).isEqualTo(new CheckControls.Result(HoldAction.DONE, 0,
                "resumed by an operator after the gate asked for one"));
        assertThat(rig.record(release).timeline()).extracting(Decision::kind).contains("resumed");
        assertThat(rig.record(release).progress().hold()).isNull();
    }

    @Test
    void gatesHold_unanswered_rollsBack_asThePlanSays() {
        rig.records.setControl(SERVICE, release.releaseId(), Control.PAUSE, "gate: INCONCLUSIVE at 50%", at(0));

        CheckControls.Result result = check.apply(hold(HoldPhase.HOLD, HALF, 60, 60));

        assertThat(result).isEqualTo(new CheckControls.Result(HoldAction.ROLLBACK, 0,
                "nobody answered the gate's pause in 60 s: rolling back, as the plan says"));
        assertThat(rig.record(release).timeline()).extracting(Decision::kind).contains("pause timed out");
    }

    @Test
    void gatesHold_unanswered_goesOn_andClearsThePause_underAProceedTimeoutAction() {
        // given, in place of the default release, one whose plan goes on when nobody answers
        rig.lock.release(SERVICE, release.releaseId());
        release = rig.proceed(pushEvent(rig.push("v3"), Map.of("pauseTimeoutAction", "PROCEED")));
        rig.records.setControl(SERVICE, release.releaseId(), Control.PAUSE, "gate: INCONCLUSIVE at 50%", at(0));

        CheckControls.Result result = check.apply(hold(HoldPhase.HOLD, HALF, 60, 61));

        assertThat(result).isEqualTo(new CheckControls.Result(HoldAction.DONE, 0,
                "nobody answered the gate's pause in 60 s: going on, as the plan says"));
        assertThat(rig.record(release).controls()).doesNotContainKey("PAUSE");
    }

    @Test
    void promoteDuringTheGatesHold_clearsItsPause() {
        rig.records.setControl(SERVICE, release.releaseId(), Control.PAUSE, "gate: INCONCLUSIVE at 50%", at(0));
        rig.records.setControl(SERVICE, release.releaseId(), Control.PROMOTE, "erin", at(3));

        CheckControls.Result result = check.apply(hold(HoldPhase.HOLD, HALF, 60, 5));

        assertThat(result.action()).isEqualTo(HoldAction.PROMOTE);
        assertThat(rig.record(release).controls()).containsKey("PROMOTE").doesNotContainKey("PAUSE");
    }

    @Test
    void holdWithoutHoldSeconds_isRejected_andRecordsNothing() {
        StepRequest noLength = new StepRequest(release, HALF, at(10), HoldPhase.BAKE, at(0), null, null, null, null, null);

        assertThatThrownBy(() -> check.apply(noLength)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holdSeconds");
        assertThat(rig.record(release).progress().hold()).isNull();
        assertThat(rig.record(release).progress().step()).isNull();
    }

    @Test
    void bakeWhoseLockPassedToAnother_isRefused_andRecordsNothing() {
        rig.passLockTo("20990101T000000Z-newer", release);

        assertThatThrownBy(() -> check.apply(bake(30, 10))).isInstanceOf(ReleaseLockLostException.class);
        assertThat(rig.record(release).progress().hold()).isNull();
        assertThat(rig.record(release).progress().step()).isNull();
    }

    @Test
    void interimLookOnInputItCannotRead_isRejectedWithWhatIsWrong_asTheStepsOwnError() {
        StepRequest badSmoke = new StepRequest(release, HALF, at(10), HoldPhase.BAKE, at(0), 30, at(0), null,
                List.of(new StepRequest.Answered(at(0), -3)), null);

        assertThatThrownBy(() -> check.apply(badSmoke)).isExactlyInstanceOf(InvalidInputException.class)
                .hasMessageContaining("smokeRequests holds an entry").hasMessageContaining("negative");
        assertThat(rig.record(release).progress().hold()).isNull();
    }

    /** A look during the 50% bake, {@code elapsed} seconds after the shift. */
    private StepRequest bake(int holdSeconds, int elapsed) {
        return hold(HoldPhase.BAKE, HALF, holdSeconds, elapsed);
    }

    /** A look during a hold that began at the shift, {@code elapsed} seconds later. */
    private StepRequest hold(HoldPhase phase, StepRequest.Step step, int holdSeconds, int elapsed) {
        return new StepRequest(release, step, at(elapsed), phase, at(0), holdSeconds, at(0), null, null, null);
    }

    private String at(int secondsAfterShift) {
        return shifted.plusSeconds(secondsAfterShift).toString();
    }
}
