package dev.greenlight.release.steps;

import java.util.Map;

import dev.greenlight.release.ReleaseProperties;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;

/**
 * Abandon: Prepare failed before green existed (a malformed event, an invalid plan, split traffic...).
 * Release the lock if this push holds it, leave the queue, and record why. Touches no traffic or service.
 */
public class AbandonRelease {

    /**
     * @param event       the execution input
     * @param executionId the execution
     * @param failure     the error that ended Prepare
     * @param now         the state's entered time
     */
    public record Request(Map<String, Object> event, String executionId, StepRequest.Failure failure, String now) {
    }

    /**
     * @param releaseId the abandoned release, if the event named one
     * @param reason    why
     */
    public record Result(String releaseId, String reason) {
    }

    private final ReleaseSteps steps;

    public AbandonRelease(ReleaseSteps steps) {
        this.steps = steps;
    }

    public Result apply(Request request) {
        String reason = request == null || request.failure() == null ? "abandoned"
                : request.failure().error() + ": " + request.failure().cause();
        ReleaseProperties properties = steps.properties;
        EcrPush push;
        try {
            push = EcrPush.from(request == null ? null : request.event(), properties.repositoryName());
        } catch (EcrPush.InvalidEventException e) {
            return new Result(null, reason);
        }
        String releaseId = push.releaseId();
        steps.lock.release(properties.service(), releaseId);
        steps.queue.leave(properties.service(), releaseId);
        if (steps.records.find(properties.service(), releaseId).isPresent()) {
            steps.records.setState(properties.service(), releaseId, ReleaseState.ABANDONED, reason,
                    ReleaseSteps.time(request.now(), "now").toString());
        }
        return new Result(releaseId, reason);
    }
}
