package dev.greenlight.localcloud.release.steps;

import static dev.greenlight.localcloud.release.steps.StepFixture.SERVICE;
import static dev.greenlight.localcloud.release.steps.StepFixture.now;
import static dev.greenlight.localcloud.release.steps.StepFixture.pushEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.release.PrepareOutcome;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.release.steps.AbandonRelease;
import dev.greenlight.release.steps.EcrPush;
import dev.greenlight.release.steps.Prepare;
import dev.greenlight.release.store.ReleaseRecord;

/** Abandon: Prepare failed before green existed; the push gives up the lock and its place in the queue. */
@Timeout(120)
class AbandonReleaseTest {

    @TempDir
    Path dir;
    StepFixture rig;
    AbandonRelease abandon;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        abandon = new AbandonRelease(rig.admission, rig.records, rig.properties.service(),
                rig.properties.repositoryName());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void pushThatTookTheLockBeforePrepareFailed_freesTheLock_andRecordsWhy() {
        // given Prepare took the lock, then found traffic split
        rig.setWeights(50, 50);
        Image v1 = rig.push("v1");
        Prepare.Request prepared = rig.prepareRequest(pushEvent(v1), now());
        assertThatThrownBy(() -> rig.prepare().apply(prepared)).isInstanceOf(Prepare.TrafficSplitException.class);
        String releaseId = EcrPush.from(prepared.event(), rig.properties.repositoryName()).releaseId();
        assertThat(rig.lockHolder()).contains(releaseId);
        String now = now();

        // when
        AbandonRelease.Result result = abandon.apply(new AbandonRelease.Request(prepared.event(),
                prepared.executionId(), new StepRequest.Failure("Prepare.TrafficSplit", "traffic is split"), now));

        // then
        assertThat(result).isEqualTo(new AbandonRelease.Result(releaseId, "Prepare.TrafficSplit: traffic is split"));
        assertThat(rig.lockHolder()).isEmpty();
        ReleaseRecord record = rig.record(releaseId);
        assertThat(record.state()).isEqualTo(ReleaseState.ABANDONED);
        assertThat(record.reason()).isEqualTo("Prepare.TrafficSplit: traffic is split");
        assertThat(record.endedAt()).isEqualTo(now);
        assertThat(rig.weights()).as("Abandon touches no traffic").isEqualTo(Map.of("A", 50, "B", 50));
    }

    @Test
    void queuedPush_leavesTheQueue_andTheHoldersLockIsKept() {
        ReleaseContext holder = rig.proceed(rig.push("v1"));
        Prepare.Request waiting = rig.prepareRequest(pushEvent(rig.push("v2")), now());
        ReleaseContext queued = rig.prepare().apply(waiting);
        assertThat(queued.outcome()).isEqualTo(PrepareOutcome.QUEUED);
        assertThat(rig.queue.waiting(SERVICE)).containsExactly(queued.releaseId());

        abandon.apply(new AbandonRelease.Request(waiting.event(), waiting.executionId(),
                new StepRequest.Failure("States.Timeout", "waited too long"), now()));

        assertThat(rig.queue.waiting(SERVICE)).isEmpty();
        assertThat(rig.lockHolder()).contains(holder.releaseId());
        assertThat(rig.record(queued).state()).isEqualTo(ReleaseState.ABANDONED);
        assertThat(rig.record(holder).state()).isEqualTo(ReleaseState.IN_PROGRESS);
    }

    @Test
    void pushRejectedBeforeItWasRecorded_leavesNoRecord() {
        Map<String, Object> event = pushEvent(rig.push("v1"), Map.of("steps", List.of(100, 50)));
        Prepare.Request request = rig.prepareRequest(event, now());
        assertThatThrownBy(() -> rig.prepare().apply(request)).isInstanceOf(InvalidPlanException.class);

        AbandonRelease.Result result = abandon.apply(new AbandonRelease.Request(event, request.executionId(),
                new StepRequest.Failure("InvalidPlanException", "steps must increase"), now()));

        assertThat(result.reason()).isEqualTo("InvalidPlanException: steps must increase");
        assertThat(rig.records.find(SERVICE, result.releaseId())).isEmpty();
        assertThat(rig.lockHolder()).isEmpty();
    }

    @Test
    void malformedEvent_namesNoRelease_andTouchesNoLock() {
        ReleaseContext holder = rig.proceed(rig.push("v1"));

        AbandonRelease.Result result = abandon.apply(new AbandonRelease.Request(Map.of("source", "aws.ecr"),
                "exec-bad", new StepRequest.Failure("InvalidEventException", "detail is missing"), now()));

        assertThat(result).isEqualTo(new AbandonRelease.Result(null, "InvalidEventException: detail is missing"));
        assertThat(rig.lockHolder()).contains(holder.releaseId());
        assertThat(rig.record(holder).state()).isEqualTo(ReleaseState.IN_PROGRESS);
    }
}
