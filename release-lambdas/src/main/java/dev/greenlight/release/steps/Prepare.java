package dev.greenlight.release.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.greenlight.release.PrepareOutcome;
import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.ReleaseContext.ImageRef;
import dev.greenlight.release.ReleaseContext.SlotRef;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.plan.InvalidPlanException;
import dev.greenlight.release.plan.PlanOverride;
import dev.greenlight.release.plan.ReleasePlan;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseLock;
import software.amazon.awssdk.services.ecs.model.Service;
import tools.jackson.core.JacksonException;

/**
 * Prepare: validate the push, decide whether this release may go now, and if so fix its facts (image by
 * digest, plan, blue and green slots, task definition). It changes no traffic and no service.
 *
 * <p>It ends in one of: PROCEED (lock taken), QUEUED (another release holds the lock; ask again after
 * {@code retryAfterSeconds}), SUPERSEDED (a newer push waits too; only the newest goes), NOOP (this digest
 * is already live). A first release (nothing live) proceeds to slot A and goes straight to 100%.
 */
public class Prepare {

    /**
     * @param event       the execution input: the ECR event, optionally with a {@code plan} override
     * @param executionId the execution running this release
     * @param now         the state's entered time
     */
    public record Request(Map<String, Object> event, String executionId, String now) {
    }

    private final ReleaseSteps steps;

    public Prepare(ReleaseSteps steps) {
        this.steps = steps;
    }

    public ReleaseContext apply(Request request) {
        if (request == null || request.executionId() == null) {
            throw new dev.greenlight.release.InvalidInputException("Prepare needs the event and the execution id");
        }
        Instant now = ReleaseSteps.time(request.now(), "now");
        EcrPush push = EcrPush.from(request.event(), steps.properties.repositoryName());
        ReleasePlan plan = plan(request.event());
        String service = steps.properties.service();
        String releaseId = push.releaseId();
        ImageRef image = new ImageRef(push.repository(), push.tag(), push.digest(),
                steps.properties.repositoryUri() + "@" + push.digest());

        steps.records.start(service, releaseId, request.executionId(), push.tag(), push.digest(),
                ReleaseState.QUEUED, request.now());
        Optional<ReleaseLock.Holder> holder = steps.lock.holder(service);
        if (holder.isPresent() && holder.get().releaseId().equals(releaseId)) {
            // a retry of a Prepare that already took the lock
            steps.lock.acquire(service, releaseId, request.executionId(), now,
                    Duration.ofSeconds(steps.properties.lockLeaseSeconds()));
            return proceed(service, releaseId, request, image, plan);
        }
        steps.queue.enter(service, releaseId, request.executionId());
        boolean heldByOther = holder.isPresent() && !holder.get().releaseId().equals(releaseId)
                && !holder.get().expiredAt(now);
        if (steps.queue.newerWaiting(service, releaseId)) {
            return superseded(service, releaseId, request, image, plan);
        }
        if (heldByOther || !steps.lock.acquire(service, releaseId, request.executionId(), now,
                Duration.ofSeconds(steps.properties.lockLeaseSeconds()))) {
            String by = holder.map(ReleaseLock.Holder::releaseId).orElse("another release");
            return ended(PrepareOutcome.QUEUED, releaseId, request, image, plan,
                    "waiting for " + by + " to finish", steps.properties.queuePollSeconds());
        }
        steps.queue.leave(service, releaseId);
        return proceed(service, releaseId, request, image, plan);
    }

    private ReleaseContext proceed(String service, String releaseId, Request request, ImageRef image,
            ReleasePlan plan) {
        Map<String, Integer> weights = steps.weightsBySlot();
        Optional<String> live = liveSlot(weights);
        if (live.isPresent()) {
            Optional<Service> liveService = steps.services.active(steps.properties.slot(live.get()).serviceName());
            if (liveService.isPresent() && steps.services.image(liveService.get()).endsWith("@" + image.digest())) {
                steps.lock.release(service, releaseId);
                steps.records.setState(service, releaseId, ReleaseState.NOOP,
                        image.digest() + " is already live in slot " + live.get(), request.now());
                return ended(PrepareOutcome.NOOP, releaseId, request, image, plan,
                        "this image is already live in slot " + live.get(), null);
            }
        }
        SlotRef blue = live.map(this::slotRef).orElse(null);
        SlotRef green = slotRef(live.map(slot -> slot.equals("A") ? "B" : "A").orElse("A"));
        if (steps.services.draining(green.serviceName())) {
            // the slot's previous service is still being deleted; keep the lock and ask again shortly
            return ended(PrepareOutcome.QUEUED, releaseId, request, image, plan, "slot " + green.slot()
                    + " is still draining its previous service " + green.serviceName(),
                    steps.properties.queuePollSeconds());
        }
        Preflight.Result preflight = plan.gate().preflight() ? new Preflight(steps.metrics).check(plan.gate(), blue,
                ReleaseSteps.time(request.now(), "now")) : null;
        if (preflight != null && preflight.refused() != null) {
            return refused(service, releaseId, request, image, plan, preflight);
        }
        String taskDefinition = steps.services.register(image.uri(), image.tag());
        ReleaseContext release = new ReleaseContext(PrepareOutcome.PROCEED, releaseId, service,
                request.executionId(), image, plan, blue == null, blue, green, taskDefinition, weights, null,
                blue == null ? "first release: nothing is live" : "blue is slot " + blue.slot());
        steps.records.setState(service, releaseId, ReleaseState.IN_PROGRESS, null, request.now());
        steps.records.setGreenSlot(service, releaseId, green.slot());
        steps.decide(release, request.now(), "prepared", "deploying " + image.tag() + " to slot " + green.slot()
                + (blue == null ? " as the first release" : ", blue is slot " + blue.slot()),
                Map.of("weights", weights, "taskDefinition", taskDefinition, "plan", plan));
        return release;
    }

    /** The pre-flight said no: free the lock, record why and what it saw; nothing was deployed or shifted. */
    private ReleaseContext refused(String service, String releaseId, Request request, ImageRef image, ReleasePlan plan,
            Preflight.Result preflight) {
        steps.lock.release(service, releaseId);
        steps.records.record(service, releaseId, new Decision(request.now(), "preflight",
                preflight.refused(), steps.json.writeValueAsString(preflight.evidence())));
        steps.records.setState(service, releaseId, ReleaseState.REFUSED, preflight.refused(), request.now());
        return ended(PrepareOutcome.REFUSED, releaseId, request, image, plan, preflight.refused(), null);
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
                .filter(slot -> steps.services.active(steps.properties.slot(slot).serviceName()).isPresent())
                .findFirst();
    }

    private ReleaseContext superseded(String service, String releaseId, Request request, ImageRef image,
            ReleasePlan plan) {
        steps.queue.leave(service, releaseId);
        String newest = steps.queue.waiting(service).stream().reduce((a, b) -> b).orElse("a newer push");
        steps.records.setState(service, releaseId, ReleaseState.SUPERSEDED, "superseded by " + newest,
                request.now());
        return ended(PrepareOutcome.SUPERSEDED, releaseId, request, image, plan, "superseded by " + newest, null);
    }

    private ReleaseContext ended(PrepareOutcome outcome, String releaseId, Request request, ImageRef image, ReleasePlan plan,
            String reason, Integer retryAfterSeconds) {
        return new ReleaseContext(outcome, releaseId, steps.properties.service(), request.executionId(), image, plan,
                false, null, null, null, null, retryAfterSeconds, reason);
    }

    private SlotRef slotRef(String slot) {
        return new SlotRef(slot, steps.properties.slot(slot).serviceName(), steps.properties.slot(slot).targetGroupArn());
    }

    private ReleasePlan plan(Map<String, Object> event) {
        Object override = event.get("plan");
        PlanOverride planOverride;
        try {
            planOverride = override == null ? null : steps.json.convertValue(override, PlanOverride.class);
        } catch (JacksonException e) {
            throw new InvalidPlanException(List.of(PlanOverride.problem(e)));
        }
        return steps.properties.planWith(planOverride);
    }

    /** Traffic is split between the slots: an earlier release did not end cleanly. */
    public static class TrafficSplitException extends RuntimeException {

        public TrafficSplitException(Map<String, Integer> weights) {
            super("traffic is split " + weights + ": an earlier release did not finish or roll back;"
                    + " put 100% on one slot before releasing");
        }
    }
}
