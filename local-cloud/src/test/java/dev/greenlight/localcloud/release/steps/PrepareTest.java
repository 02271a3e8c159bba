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

import dev.greenlight.localcloud.CloudFixture;
import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.PrepareOutcome;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseContext.ImageRef;
import dev.greenlight.release.ReleaseContext.SlotRef;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.release.steps.EcrPush;
import dev.greenlight.release.steps.Preflight;
import dev.greenlight.release.steps.Forecaster;
import dev.greenlight.release.steps.Prepare;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.Forecast;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecord;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/** Prepare decides whether a push may release now and fixes its facts, changing no traffic and no service. */
@Timeout(120)
class PrepareTest {

    @TempDir
    Path dir;
    StepFixture rig;
    Prepare prepare;

    @BeforeEach
    void start() {
        rig = new StepFixture(dir);
        prepare = new Prepare(rig.properties, rig.admission, rig.listener, rig.services, new Preflight(rig.metrics),
                new Forecaster(rig.metrics, rig.properties), rig.records, rig.timeline);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void firstRelease_proceedsToSlotA_withTheImagePinnedByDigest() {
        // given nothing live
        Image v1 = rig.push("v1");
        String now = now();

        // when
        ReleaseContext release = prepare.apply(new Prepare.Request(pushEvent(v1), "exec-v1", now));

        // then
        assertThat(release.outcome()).isEqualTo(PrepareOutcome.PROCEED);
        assertThat(release.firstRelease()).isTrue();
        assertThat(release.blue()).isNull();
        assertThat(release.green()).isEqualTo(new SlotRef("A", "blog-a", rig.targetGroupA));
        String pinned = rig.properties.repositoryUri() + "@" + v1.digest();
        assertThat(release.image()).isEqualTo(new ImageRef(CloudFixture.REPOSITORY, "v1", v1.digest(), pinned));
        assertThat(release.startWeights()).isEqualTo(Map.of("A", 100, "B", 0));
        ContainerDefinition container = rig.cloud.cloud.ecs()
                .describeTaskDefinition(r -> r.taskDefinition(release.taskDefinitionArn()))
                .taskDefinition().containerDefinitions().get(0);
        assertThat(container.image()).isEqualTo(pinned);
        assertThat(container.environment()).contains(KeyValuePair.builder().name("BLOG_VERSION").value("v1").build());
        assertThat(rig.lockHolder()).contains(release.releaseId());
        ReleaseRecord record = rig.record(release);
        assertThat(record.state()).isEqualTo(ReleaseState.IN_PROGRESS);
        assertThat(record.executionId()).isEqualTo("exec-v1");
        assertThat(record.greenSlot()).isEqualTo("A");
        assertThat(record.timeline()).extracting(Decision::kind).containsExactly("prepared");
        assertThat(rig.activeServices()).as("Prepare deploys nothing").isEmpty();
        assertThat(rig.weights()).isEqualTo(Map.of("A", 100, "B", 0));
    }

    @Test
    void releaseOverALiveSlot_deploysToTheOtherSlot() {
        Image v1 = rig.push("v1");
        rig.liveBlue(v1, 0);

        ReleaseContext release = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v2")), now()));

        assertThat(release.outcome()).isEqualTo(PrepareOutcome.PROCEED);
        assertThat(release.firstRelease()).isFalse();
        assertThat(release.blue()).isEqualTo(new SlotRef("A", "blog-a", rig.targetGroupA));
        assertThat(release.green()).isEqualTo(new SlotRef("B", "blog-b", rig.targetGroupB));
        assertThat(rig.record(release).greenSlot()).isEqualTo("B");
    }

    @Test
    void proceeding_recordsThePlanAndNoHold() {
        Map<String, Object> plan = Map.of("steps", List.of(10, 50, 100), "bakeSeconds", List.of(3));

        ReleaseContext release = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v1"), plan), now()));

        assertThat(release.plan().steps()).containsExactly(10, 50, 100);
        assertThat(release.plan().bakeSeconds()).containsExactly(3, 3, 3);
        assertThat(rig.record(release).progress()).isEqualTo(new Progress(List.of(10, 50, 100), null, null, null));
    }

    @Test
    void proceeding_recordsTheReleasesForecast_atTheLiveTraffic() {
        ReleaseContext release = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v1")), now()));

        // a first release with nobody reading: three health checks a second apart (green is typically ready in
        // 3 s here), the smoke test, 100% at once; 23 states on that path
        Forecast forecast = rig.record(release).forecast();
        assertThat(forecast.requestsPerSecond()).isZero();
        assertThat(forecast.outcome()).isEqualTo("RELEASED");
        assertThat(forecast.transitions()).isEqualTo(23);
        assertThat(forecast.durationSeconds()).isBetween(3.5, 4.0);
    }

    @Test
    void pushWhileAnotherReleaseHoldsTheLock_isQueued_andRecordsItsQueueHold() {
        // given
        ReleaseContext first = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v1")), now()));
        int revisions = rig.taskDefinitionRevisions();
        String now = now();

        // when
        ReleaseContext second = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v2")), now));

        // then
        assertThat(second.outcome()).isEqualTo(PrepareOutcome.QUEUED);
        assertThat(second.retryAfterSeconds()).isEqualTo(StepFixture.QUEUE_POLL_SECONDS);
        assertThat(second.reason()).isEqualTo("waiting for " + first.releaseId() + " to finish");
        assertThat(rig.lockHolder()).contains(first.releaseId());
        assertThat(rig.queue.waiting(SERVICE)).containsExactly(second.releaseId());
        ReleaseRecord record = rig.record(second);
        assertThat(record.state()).isEqualTo(ReleaseState.QUEUED);
        assertThat(record.progress()).isEqualTo(new Progress(null, null, null,
                new Progress.Hold(Progress.Reason.QUEUE, now, StepFixture.QUEUE_POLL_SECONDS)));
        assertThat(rig.taskDefinitionRevisions()).as("nothing registered for a queued push").isEqualTo(revisions);
    }

    @Test
    void queuedPush_proceedsOnceTheLockIsFree_andItsQueueHoldIsCleared() {
        ReleaseContext first = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v1")), now()));
        Prepare.Request asking = rig.prepareRequest(pushEvent(rig.push("v2")), now());
        assertThat(prepare.apply(asking).outcome()).isEqualTo(PrepareOutcome.QUEUED);
        rig.lock.release(SERVICE, first.releaseId());

        ReleaseContext again = prepare.apply(new Prepare.Request(asking.event(), asking.executionId(), now()));

        assertThat(again.outcome()).isEqualTo(PrepareOutcome.PROCEED);
        assertThat(rig.lockHolder()).contains(again.releaseId());
        assertThat(rig.queue.waiting(SERVICE)).isEmpty();
        ReleaseRecord record = rig.record(again);
        assertThat(record.state()).isEqualTo(ReleaseState.IN_PROGRESS);
        assertThat(record.progress()).isEqualTo(new Progress(List.of(50, 100), null, null, null));
    }

    @Test
    void olderWaitingPush_isSupersededByANewerOne() {
        // given v1 releasing, then v2 and v3 waiting behind it
        ReleaseContext first = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v1")), now()));
        Prepare.Request older = rig.prepareRequest(pushEvent(rig.push("v2")), now());
        assertThat(prepare.apply(older).outcome()).isEqualTo(PrepareOutcome.QUEUED);
        ReleaseContext newer = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v3")), now()));
        assertThat(newer.outcome()).isEqualTo(PrepareOutcome.QUEUED);
        String now = now();

        // when v2 asks again
        ReleaseContext superseded = prepare.apply(new Prepare.Request(older.event(), older.executionId(), now));

        // then
        assertThat(superseded.outcome()).isEqualTo(PrepareOutcome.SUPERSEDED);
        assertThat(superseded.reason()).isEqualTo("superseded by " + newer.releaseId());
        ReleaseRecord record = rig.record(superseded);
        assertThat(record.state()).isEqualTo(ReleaseState.SUPERSEDED);
        assertThat(record.endedAt()).isEqualTo(now);
        assertThat(rig.queue.waiting(SERVICE)).containsExactly(newer.releaseId());
        assertThat(rig.lockHolder()).contains(first.releaseId());
    }

    @Test
    void pushOfTheLiveDigest_isNoop_andFreesTheLock() {
        Image live = rig.push("v1");
        rig.liveBlue(live, 0);
        int revisions = rig.taskDefinitionRevisions();
        Image sameAgain = rig.pushAgain(live, "v1-again");
        assertThat(sameAgain.digest()).isEqualTo(live.digest());

        ReleaseContext release = prepare.apply(rig.prepareRequest(pushEvent(sameAgain), now()));

        assertThat(release.outcome()).isEqualTo(PrepareOutcome.NOOP);
        assertThat(release.reason()).isEqualTo("this image is already live in slot A");
        assertThat(rig.record(release).state()).isEqualTo(ReleaseState.NOOP);
        assertThat(rig.lockHolder()).isEmpty();
        assertThat(rig.taskDefinitionRevisions()).isEqualTo(revisions);
        assertThat(rig.activeServices()).containsExactly("blog-a");
    }

    @Test
    void splitTraffic_throwsTrafficSplitException_andChangesNothing() {
        rig.liveBlue(rig.push("v1"), 0);
        rig.setWeights(70, 30);
        int revisions = rig.taskDefinitionRevisions();
        Prepare.Request request = rig.prepareRequest(pushEvent(rig.push("v2")), now());

        assertThatThrownBy(() -> prepare.apply(request))
                .isInstanceOf(Prepare.TrafficSplitException.class)
                .hasMessageContaining("traffic is split {A=70, B=30}");
        assertThat(rig.weights()).isEqualTo(Map.of("A", 70, "B", 30));
        assertThat(rig.taskDefinitionRevisions()).isEqualTo(revisions);
        assertThat(rig.activeServices()).containsExactly("blog-a");
    }

    @Test
    void alarmInAlarm_isRefusedByThePreflight() {
        alarmInAlarm("blog-5xx");
        Map<String, Object> plan = Map.of("gate", Map.of("alarmNames", List.of("blog-5xx")));

        ReleaseContext release = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v1"), plan), now()));

        assertThat(release.outcome()).isEqualTo(PrepareOutcome.REFUSED);
        assertThat(release.reason()).isEqualTo("pre-flight: alarm in ALARM before the release: blog-5xx");
        ReleaseRecord record = rig.record(release);
        assertThat(record.state()).isEqualTo(ReleaseState.REFUSED);
        assertThat(record.timeline()).extracting(Decision::kind).containsExactly("preflight");
        assertThat(record.timeline().get(0).evidence()).contains("blog-5xx");
        assertThat(rig.lockHolder()).isEmpty();
        assertThat(rig.taskDefinitionRevisions()).isZero();
    }

    @Test
    void alarmInAlarm_doesNotStopAReleaseWhosePlanTurnsThePreflightOff() {
        alarmInAlarm("blog-5xx");
        Map<String, Object> plan = Map.of("gate", Map.of("alarmNames", List.of("blog-5xx"), "preflight", false));

        ReleaseContext release = prepare.apply(rig.prepareRequest(pushEvent(rig.push("v1"), plan), now()));

        assertThat(release.outcome()).isEqualTo(PrepareOutcome.PROCEED);
    }

    @Test
    void malformedEvent_isRejectedByName_withoutARecordOrTheLock() {
        Map<String, Object> event = Map.of("source", "aws.ecr", "detail-type", "ECR Image Action");

        assertThatThrownBy(() -> prepare.apply(rig.prepareRequest(event, now())))
                .isInstanceOf(EcrPush.InvalidEventException.class)
                .hasMessageContaining("detail is missing");
        assertThat(rig.lockHolder()).isEmpty();
        assertThat(rig.records.history(SERVICE, 10)).isEmpty();
    }

    @Test
    void invalidPlanOverride_isRejectedWithEveryProblem() {
        Map<String, Object> plan = Map.of("steps", List.of(50, 40), "healthPollSeconds", 0);

        assertThatThrownBy(() -> prepare.apply(rig.prepareRequest(pushEvent(rig.push("v1"), plan), now())))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("steps must increase strictly")
                .hasMessageContaining("healthPollSeconds must be from 1");
        assertThat(rig.lockHolder()).isEmpty();
    }

    @Test
    void requestWithoutExecutionId_isRejected() {
        Prepare.Request request = new Prepare.Request(pushEvent(rig.push("v1")), null, now());

        assertThatThrownBy(() -> prepare.apply(request)).isInstanceOf(InvalidInputException.class);
        assertThat(rig.records.history(SERVICE, 10)).isEmpty();
    }

    /** An alarm that is in ALARM from its first evaluation: a missing datapoint counts as breaching. */
    private void alarmInAlarm(String name) {
        rig.cloud.cloud.cloudWatch().putMetricAlarm(r -> r.alarmName(name).namespace("AWS/ApplicationELB")
                .metricName("HTTPCode_Target_5XX_Count").statistic("Sum").period(10).evaluationPeriods(1)
                .threshold(0.0).comparisonOperator("GreaterThanThreshold").treatMissingData("breaching"));
    }
}
