package dev.greenlight.statemachine.events;

import dev.greenlight.statemachine.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** statemachine/ecr-push.pattern.json, matched by event-ruler against ECR "Image Action" events. */
class EcrPushPatternTest {

    private static final String PUSH = """
            {"version": "0", "id": "13cde686-328b-6117-af20-0e5566167482", "detail-type": "ECR Image Action",
             "source": "aws.ecr", "account": "123456789012", "time": "2019-11-16T01:54:34Z", "region": "us-west-2",
             "resources": [], "detail": {"result": "SUCCESS", "repository-name": "greenlight-blog",
             "image-digest": "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234",
             "action-type": "PUSH", "image-tag": "v42"}}""";

    private final EventPattern pattern = EventPattern.compile(patternText(), Map.of("RepositoryName", "greenlight-blog"));

    private static String patternText() {
        try {
            return Files.readString(Path.of(System.getProperty("greenlight.root", "..")).resolve("statemachine/ecr-push.pattern.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String with(String field, String value) {
        ObjectNode event = (ObjectNode) Json.parse(PUSH);
        ((ObjectNode) event.get("detail")).put(field, value);
        return Json.write(event);
    }

    @Test
    void matchesASuccessfulPushToTheBlogRepository() {
        assertThat(pattern.matches(PUSH)).isTrue();
    }

    @Test
    void rejectsAFailedPush() {
        assertThat(pattern.matches(with("result", "FAILURE"))).isFalse();
    }

    @Test
    void rejectsADelete() {
        assertThat(pattern.matches(with("action-type", "DELETE"))).isFalse();
    }

    @Test
    void rejectsAnotherRepository() {
        assertThat(pattern.matches(with("repository-name", "someone-elses-app"))).isFalse();
    }

    @Test
    void rejectsAPushWithoutATag() {
        ObjectNode event = (ObjectNode) Json.parse(PUSH);
        ((ObjectNode) event.get("detail")).remove("image-tag");
        assertThat(pattern.matches(Json.write(event))).isFalse();
    }

    @Test
    void rejectsOtherSourcesWithTheSameDetail() {
        ObjectNode event = (ObjectNode) Json.parse(PUSH);
        event.put("source", "my.app");
        assertThat(pattern.matches(Json.write(event))).isFalse();
    }

    @Test
    void theFileIsValidJsonWithItsPlaceholderUnfilled() {
        assertThat(Json.parse(patternText()).get("detail").get("repository-name").get(0).asString())
                .isEqualTo("${RepositoryName}");
    }

    @Test
    void compilingWithoutTheRepositoryNameFails() {
        assertThatThrownBy(() -> EventPattern.compile(patternText(), Map.of()))
                .hasMessageContaining("RepositoryName");
    }
}
