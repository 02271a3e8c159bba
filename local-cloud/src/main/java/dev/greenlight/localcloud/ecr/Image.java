package dev.greenlight.localcloud.ecr;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * An image in the local registry: a jar stored under a repository, addressed by tag and digest.
 *
 * @param repositoryName the ECR repository
 * @param tag            the immutable tag it was pushed with
 * @param digest         {@code sha256:<hex>} of the jar's bytes
 * @param sizeBytes      the jar's size
 * @param pushedAt       when it was pushed
 * @param jar            where the jar is stored
 * @param uri            the image URI a task definition refers to, {@code <registry>/<repository>:<tag>}
 * @param environment    variables baked into the image, like ENV in a Dockerfile; a task definition's own
 *                       environment overrides them
 */
public record Image(String repositoryName, String tag, String digest, long sizeBytes, Instant pushedAt,
                    Path jar, String uri, Map<String, String> environment) {

    public Image {
        environment = Map.copyOf(environment);
    }
}
