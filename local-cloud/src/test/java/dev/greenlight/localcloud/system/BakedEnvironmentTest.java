package dev.greenlight.localcloud.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.ecr.LocalEcr;

/** The version a pushed image reports, and why pushing the same build again is the same image. */
class BakedEnvironmentTest {

    @TempDir
    Path dir;

    private LocalEcr ecr;
    private Path jar;

    @BeforeEach
    void registry() throws Exception {
        ecr = new LocalEcr(dir.resolve("ecr"), "123456789012.dkr.ecr.us-east-1.amazonaws.com");
        ecr.createRepository(Infrastructure.REPOSITORY);
        jar = Files.writeString(dir.resolve("blog.jar"), "a blog build");
    }

    @Test
    void aNewBuild_reportsItsTagAsItsVersion() {
        assertThat(ImagePushes.bakedEnvironment(ecr, "v2", jar, Map.of("BLOG_FAULTS_LATENCY_MS", "800")))
                .isEqualTo(Map.of("BLOG_FAULTS_LATENCY_MS", "800", "BLOG_VERSION", "v2"));
    }

    @Test
    void theSameBuildUnderAnotherTag_isTheSameImage() {
        Image first = push("v2", Map.of());

        Image again = push("v2-again", Map.of());

        assertThat(again.environment()).containsEntry("BLOG_VERSION", "v2");
        assertThat(again.digest()).isEqualTo(first.digest());
    }

    @Test
    void otherVariables_orAVersionGiven_makeAnotherImage() {
        Image first = push("v2", Map.of());

        assertThat(push("v2-slow", Map.of("BLOG_FAULTS_LATENCY_MS", "800")).digest()).isNotEqualTo(first.digest());
        assertThat(push("named", Map.of("BLOG_VERSION", "v3")).environment()).containsEntry("BLOG_VERSION", "v3");
    }

    private Image push(String tag, Map<String, String> env) {
        return ecr.putImage(Infrastructure.REPOSITORY, tag, jar, ImagePushes.bakedEnvironment(ecr, tag, jar, env));
    }
}
