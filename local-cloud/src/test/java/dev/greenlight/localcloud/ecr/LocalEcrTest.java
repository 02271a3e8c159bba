package dev.greenlight.localcloud.ecr;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pushing and describing images: sha256 digests, immutable tags, and the push hook for "ECR Image Action" events. */
class LocalEcrTest {

    private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    @TempDir
    Path dir;
    private LocalEcr ecr;
    private Path jarV1;
    private Path jarV2;

    @BeforeEach
    void create() throws Exception {
        ecr = new LocalEcr(dir.resolve("ecr"), REGISTRY);
        ecr.createRepository("greenlight/blog");
        jarV1 = Files.writeString(dir.resolve("v1.jar"), "blog build one");
        jarV2 = Files.writeString(dir.resolve("v2.jar"), "blog build two");
    }

    @Test
    void putImage_storesTheJarUnderItsTagWithItsSha256Digest() throws Exception {
        List<Image> pushed = new ArrayList<>();
        ecr.onPush(pushed::add);

        Image image = ecr.putImage("greenlight/blog", "v1", jarV1);

        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jarV1)));
        assertThat(image.digest()).isEqualTo(expected);
        assertThat(image.uri()).isEqualTo(REGISTRY + "/greenlight/blog:v1");
        assertThat(Files.readString(image.jar())).isEqualTo("blog build one");
        assertThat(image.sizeBytes()).isEqualTo(Files.size(jarV1));
        assertThat(pushed).containsExactly(image);
        assertThat(ecr.resolve(REGISTRY + "/greenlight/blog@" + expected).tag()).isEqualTo("v1");
    }

    @Test
    void tagsAreImmutable() {
        ecr.putImage("greenlight/blog", "v1", jarV1);

        assertThatThrownBy(() -> ecr.putImage("greenlight/blog", "v1", jarV2))
                .isInstanceOf(ImageTagAlreadyExistsException.class).hasMessageContaining("cannot be overwritten");
        assertThat(ecr.resolve(REGISTRY + "/greenlight/blog:v1").digest()).as("the tag still names the first push")
                .isEqualTo(ecr.describeImage("greenlight/blog", "v1").digest());
        assertThat(ecr.describeImages("greenlight/blog")).extracting(Image::tag).containsExactly("v1");
    }

    @Test
    void describeImages_listsEveryTag_andReportsWhatIsMissing() {
        ecr.putImage("greenlight/blog", "v1", jarV1);
        ecr.putImage("greenlight/blog", "v2", jarV2);
        ecr.putImage("greenlight/blog", "v2-again", jarV2);

        List<Image> images = ecr.describeImages("greenlight/blog");
        assertThat(images).extracting(Image::tag).containsExactlyInAnyOrder("v1", "v2", "v2-again");
        assertThat(ecr.describeImage("greenlight/blog", "v2").digest()).isEqualTo(ecr.describeImage("greenlight/blog", "v2-again").digest());
        assertThatThrownBy(() -> ecr.describeImage("greenlight/blog", "v3")).isInstanceOf(ImageNotFoundException.class);
        assertThatThrownBy(() -> ecr.describeImages("greenlight/other")).isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.createRepository("greenlight/blog")).isInstanceOf(RepositoryAlreadyExistsException.class);
        assertThatThrownBy(() -> ecr.putImage("greenlight/blog", "bad tag", jarV1)).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void imagesOfJar_findsEveryImageOfTheSameContent_whateverItsVariables() throws Exception {
        ecr.putImage("greenlight/blog", "v1", jarV1);
        ecr.putImage("greenlight/blog", "v2", jarV2);
        ecr.putImage("greenlight/blog", "v2-slow", jarV2, Map.of("BLOG_FAULTS_LATENCY_MS", "800"));
        Path copyOfV2 = Files.copy(jarV2, dir.resolve("copy-of-v2.jar"));

        assertThat(ecr.imagesOfJar("greenlight/blog", copyOfV2)).extracting(Image::tag)
                .containsExactlyInAnyOrder("v2", "v2-slow");
    }

    @Test
    void environmentBakedIntoAnImage_isPartOfItsIdentity() throws Exception {
        Image plain = ecr.putImage("greenlight/blog", "plain", jarV1);
        Image baked = ecr.putImage("greenlight/blog", "baked", jarV1, Map.of("BLOG_FAULTS_ERROR_RATE", "0.5"));
        Image again = ecr.putImage("greenlight/blog", "baked-again", jarV1, Map.of("BLOG_FAULTS_ERROR_RATE", "0.5"));

        assertThat(baked.digest()).isNotEqualTo(plain.digest()).isEqualTo(again.digest());
        assertThat(ecr.describeImage("greenlight/blog", "baked").environment()).containsExactly(Map.entry("BLOG_FAULTS_ERROR_RATE", "0.5"));
        assertThat(plain.environment()).isEmpty();
        assertThat(Files.isSameFile(baked.jar(), plain.jar())).as("one copy of the jar").isTrue();
        assertThatThrownBy(() -> ecr.putImage("greenlight/blog", "bad-env", jarV1, Map.of("NOT-A-NAME", "x")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void imagesSurviveARestartOfTheRegistry() {
        Image image = ecr.putImage("greenlight/blog", "v1", jarV1);

        LocalEcr reopened = new LocalEcr(dir.resolve("ecr"), REGISTRY);
        assertThat(reopened.describeImage("greenlight/blog", "v1").digest()).isEqualTo(image.digest());
    }
}
