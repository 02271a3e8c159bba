package dev.greenlight.release;

import java.util.Map;

import dev.greenlight.release.plan.ReleasePlan;

/**
 * What Prepare learned, carried through the whole workflow as {@code $.release}. Every later step reads its
 * facts from here rather than rediscovering them, so all steps agree on which slot is green.
 *
 * @param outcome           how Prepare ended
 * @param releaseId         push time and tag, unique per push
 * @param service           the released service
 * @param executionId       the Step Functions execution running this release
 * @param image             the pushed image, pinned by digest
 * @param plan              the plan this release follows (configured default plus the input's overrides)
 * @param firstRelease      nothing was live: green goes straight to 100% once healthy
 * @param blue              the live slot; null on a first release
 * @param green             the slot this release deploys to
 * @param taskDefinitionArn the task definition revision registered for the image
 * @param startWeights      listener weights by slot when the release started
 * @param retryAfterSeconds when QUEUED: how long to wait before asking for the lock again
 * @param reason            when not PROCEED: why, in words
 */
public record ReleaseContext(
        PrepareOutcome outcome,
        String releaseId,
        String service,
        String executionId,
        ImageRef image,
        ReleasePlan plan,
        boolean firstRelease,
        SlotRef blue,
        SlotRef green,
        String taskDefinitionArn,
        Map<String, Integer> startWeights,
        Integer retryAfterSeconds,
        String reason) {

    /**
     * An image pinned by digest.
     *
     * @param repository the ECR repository name
     * @param tag        the pushed tag
     * @param digest     {@code sha256:<64 hex>}
     * @param uri        {@code <repository uri>@<digest>}, what the task definition runs
     */
    public record ImageRef(String repository, String tag, String digest, String uri) {
    }

    /**
     * A slot in a role.
     *
     * @param slot           A or B
     * @param serviceName    its ECS service
     * @param targetGroupArn its target group
     */
    public record SlotRef(String slot, String serviceName, String targetGroupArn) {
    }
}
