package dev.greenlight.release.steps;

import java.util.Map;

import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import dev.greenlight.release.store.ReleaseRecords;

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

    private final Admission admission;
    private final ReleaseRecords records;
    private final String service;
    private final String repositoryName;

    /**
     * @param service        the released service
     * @param repositoryName the ECR repository whose pushes it releases
     */
    public AbandonRelease(Admission admission, ReleaseRecords records, String service, String repositoryName) {
        this.admission = admission;
        this.records = records;
        this.service = service;
        this.repositoryName = repositoryName;
    }

    public Result apply(Request request) {
        String reason = request == null || request.failure() == null ? "abandoned"
                : request.failure().error() + ": " + request.failure().cause();
        EcrPush push;
        try {
            push = EcrPush.from(request == null ? null : request.event(), repositoryName);
        } catch (EcrPush.InvalidEventException e) {
            return new Result(null, reason);
        }
        String releaseId = push.releaseId();
        admission.withdraw(service, releaseId);
        if (records.find(service, releaseId).isPresent()) {
            records.setState(service, releaseId, ReleaseState.ABANDONED, reason,
                    Inputs.time(request.now(), "now").toString());
        }
        return new Result(releaseId, reason);
    }
}
