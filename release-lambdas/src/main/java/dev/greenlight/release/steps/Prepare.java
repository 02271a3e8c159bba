package dev.greenlight.release.steps;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.greenlight.release.InvalidInputException;
import dev.greenlight.release.PrepareOutcome;
import dev.greenlight.release.ReleaseContext.ImageRef;
import dev.greenlight.release.ReleaseContext.SlotRef;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseProperties;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.aws.Services;
import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.release.plan.PlanOverride;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.store.Progress;
import dev.greenlight.release.store.ReleaseRecords;
import software.amazon.awssdk.services.ecs.model.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prepare: validate the push, decide whether this release may go now, and if so fix its facts (image by
 * digest, plan, blue and green slots, task definition). It changes no traffic and no service.
 *
 * <p>It ends in one of: PROCEED (lock taken), QUEUED (another release holds the lock, or green's slot is still
 * draining; ask again after {@code retryAfterSeconds}), SUPERSEDED (a newer push waits too; only the newest goes),
 * NOOP (this digest is already live), REFUSED (the pre-flight said no). A first release (nothing live) proceeds to
 * slot A and goes straight to 100%.
 */
public class Prepare {

    /**
     * @param event       the execution input: the ECR event, optionally with a {@code plan} override
     * @param executionId the execution running this release
     * @param now         the state's entered time
     */
    public record Request(Map<String, Object> event, String executionId, String now) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How far back Prepare looks for the release that made blue live. */
    private static final int RECENT_RELEASES = 20;

    private final ReleaseProperties properties;
    private final Admission admission;
    private final Listener listener;
    private final Services services;
    private final Preflight preflight;
    private final Forecaster forecaster;
    private final ReleaseRecords records;
    private final Timeline timeline;

    public Prepare(ReleaseProperties properties, Admission admission, Listener listener, Services services,
            Preflight preflight, Forecaster forecaster, ReleaseRecords records, Timeline timeline) {
        this.properties = properties;
        this.admission = admission;
        this.listener = listener;
        this.services = services;
        this.preflight = preflight;
        this.forecaster = forecaster;
        this.records = records;
        this.timeline = timeline;
    }

    public ReleaseContext apply(Request request) {
        // 1. the push and its plan are valid
        if (request == null || request.executionId() == null) {
            throw new InvalidInputException("Prepare needs the event and the execution id");
        }
        Instant now = Inputs.time(request.now(), "now");
        EcrPush push = EcrPush.from(request.event(), properties.repositoryName());
        Draft draft = new Draft(properties.service(), push.releaseId(), request.executionId(), request.now(),
                new ImageRef(push.repository(), push.tag(), push.digest(),
                        properties.repositoryUri() + "@" + push.digest()), plan(request.event()));
        records.start(draft.service(), draft.releaseId(), draft.executionId(), push.tag(), push.digest(),
                ReleaseState.QUEUED, draft.now());

        // 2. it holds the lock, or waits, or a newer push replaces it
        Admission.Outcome admitted = admission.admit(draft.service(), draft.releaseId(), draft.executionId(), now);
        if (admitted instanceof Admission.Superseded superseded) {
            return end(draft, PrepareOutcome.SUPERSEDED, ReleaseState.SUPERSEDED, "superseded by " + superseded.by());
        }
        if (admitted instanceof Admission.Waiting waiting) {
            return queued(draft, "waiting for " + waiting.behind() + " to finish");
        }

        // 3. blue is the one slot with traffic, and not already running this image
        Map<String, Integer> weights = listener.weights();
        Optional<String> live = liveSlot(weights);
        if (live.isPresent() && runs(live.get(), draft.image())) {
            admission.release(draft.service(), draft.releaseId());
            return end(draft, PrepareOutcome.NOOP, ReleaseState.NOOP,
                    "this image is already live in slot " + live.get());
        }
        SlotRef blue = live.map(this::slot).orElse(null);
        SlotRef green = slot(live.map(slot -> slot.equals("A") ? "B" : "A").orElse("A"));

        // 4. green's slot is free
        if (services.draining(green.serviceName())) {
            // the lock is kept: the slot is free again shortly
            return queued(draft, "slot " + green.slot() + " is still draining its previous service "
                    + green.serviceName());
        }

        // 5. the pre-flight lets it start
        if (draft.plan().gate().preflight()) {
            Preflight.Result checked = preflight.check(draft.plan().gate(), blue, blueSince(draft.service(), blue), now);
            if (checked.refused() != null) {
                admission.release(draft.service(), draft.releaseId());
                timeline.decide(draft.service(), draft.releaseId(), draft.now(), "preflight", checked.refused(),
                        checked.evidence());
                return end(draft, PrepareOutcome.REFUSED, ReleaseState.REFUSED, checked.refused());
            }
        }

        // 6. green's task definition is registered, and the release is under way
        String taskDefinition = services.register(draft.image().uri(), draft.image().tag());
        ReleaseContext release = new ReleaseContext(PrepareOutcome.PROCEED, draft.releaseId(), draft.service(),
                draft.executionId(), draft.image(), draft.plan(), blue == null, blue, green, taskDefinition, weights,
                null, blue == null ? "first release: nothing is live" : "blue is slot " + blue.slot());
        records.proceed(draft.service(), draft.releaseId(), green.slot(), draft.plan().steps(),
                forecaster.forecast(draft.plan(), blue == null, now));
        timeline.decide(release, draft.now(), "prepared", "deploying " + draft.image().tag() + " to slot "
                + green.slot() + (blue == null ? " as the first release" : ", blue is slot " + blue.slot()),
                Map.of("weights", weights, "taskDefinition", taskDefinition, "plan", draft.plan()));
        return release;
    }

    /**
     * What Prepare knows of a push before it may go.
     *
     * @param now the state's entered time, as given
     */
    private record Draft(String service, String releaseId, String executionId, String now, ImageRef image,
            ReleasePlan plan) {

        ReleaseContext ended(PrepareOutcome outcome, String reason, Integer retryAfterSeconds) {
            return new ReleaseContext(outcome, releaseId, service, executionId, image, plan, false, null, null, null,
                    null, retryAfterSeconds, reason);
        }

    }

    /** The release waits: Prepare is asked again after the queue's poll. */
    private ReleaseContext queued(Draft draft, String reason) {
        records.setHold(draft.service(), draft.releaseId(),
                new Progress.Hold(Progress.Reason.QUEUE, draft.now(), properties.queuePollSeconds()));
        return draft.ended(PrepareOutcome.QUEUED, reason, properties.queuePollSeconds());
    }

    /** The release ends here: its record says why. */
    private ReleaseContext end(Draft draft, PrepareOutcome outcome, ReleaseState state, String reason) {
        records.setState(draft.service(), draft.releaseId(), state, reason, draft.now());
        return draft.ended(outcome, reason, null);
    }

    /**
     * The slot that serves traffic: the only one with weight. Split traffic means an earlier release did not
     * end cleanly, and nothing may be released on top of it.
     */
    private Optional<String> liveSlot(Map<String, Integer> weights) {
        long weighted = weights.values().stream().filter(w -> w > 0).count();
        if (weighted > 1) {
            throw new TrafficSplitException(weights);
        }
        return weights.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .filter(slot -> services.active(properties.slot(slot).serviceName()).isPresent())
                .findFirst();
    }

    /** Whether the slot's service runs this image already. */
    private boolean runs(String slot, ImageRef image) {
        Optional<Service> service = services.active(properties.slot(slot).serviceName());
        return service.isPresent() && services.image(service.get()).endsWith("@" + image.digest());
    }

    private SlotRef slot(String slot) {
        return new SlotRef(slot, properties.slot(slot).serviceName(), properties.slot(slot).targetGroupArn());
    }

    private ReleasePlan plan(Map<String, Object> event) {
        Object override = event.get("plan");
        PlanOverride planOverride;
        try {
            planOverride = override == null ? null : JSON.convertValue(override, PlanOverride.class);
        } catch (JacksonException e) {
            throw new InvalidPlanException(List.of(PlanOverride.problem(e)));
        }
        return properties.planWith(planOverride);
    }

    /**
     * When the release that put blue in its slot started: the newest release that deployed green into that slot
     * (a refused or abandoned one never got a slot). Null when none of the recent releases did.
     */
    private Instant blueSince(String service, SlotRef blue) {
        if (blue == null) {
            return null;
        }
        return records.history(service, RECENT_RELEASES).stream()
                .filter(r -> blue.slot().equals(r.greenSlot()) && r.startedAt() != null)
                .findFirst().map(r -> Instant.parse(r.startedAt())).orElse(null);
    }

    /** Traffic is split between the slots: an earlier release did not end cleanly. */
    public static class TrafficSplitException extends RuntimeException {

        public TrafficSplitException(Map<String, Integer> weights) {
            super("traffic is split " + weights + ": an earlier release did not finish or roll back;"
                    + " put 100% on one slot before releasing");
        }
    }
}
